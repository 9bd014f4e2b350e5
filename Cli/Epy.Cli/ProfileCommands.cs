using System.CommandLine;
using Epy.Cli.Configuration;

namespace Epy.Cli;

/// <summary><c>epycloud profile list|use|current|create|show|edit|delete</c>: the files of <c>profiles/</c> and <c>active_profile</c>.</summary>
public static partial class ProfileCommands
{
    /// <summary>Builds <c>profile</c> and its subcommands.</summary>
    public static Command Build()
    {
        var profile = new Command("profile", "Profiles: named settings (profiles/{name}.yaml) over the environment's, one of them active");
        profile.Subcommands.Add(BuildList());
        profile.Subcommands.Add(BuildUse());
        profile.Subcommands.Add(BuildCurrent());
        profile.Subcommands.Add(BuildCreate());
        profile.Subcommands.Add(BuildShow());
        profile.Subcommands.Add(BuildEdit());
        profile.Subcommands.Add(BuildDelete());
        return profile;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The profile's name: letters, digits, '-' and '_'" };

    private static ConfigPaths Paths(CliContext context) => ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);

    private static string Existing(ConfigPaths paths, string name)
    {
        if (!ConfigPaths.IsName(name))
            throw new ConfigurationException($"'{name}' is not a profile name", "use letters, digits, '-' and '_'");
        var file = paths.ProfileFile(name);
        return File.Exists(file) ? file : throw new ConfigurationException($"profile '{name}' does not exist ({file})", $"see 'epycloud profile list', or create it with 'epycloud profile create {name}'");
    }

    private static Command BuildList()
    {
        var output = GlobalOptions.Output();
        var list = new Command("list", "List the profiles; * marks the active one") { output };
        CliAction.Set(list, (context, _, _) =>
        {
            var paths = Paths(context);
            var active = paths.ReadActiveProfile() ?? ConfigLoader.DefaultProfile;
            var names = paths.Profiles();
            if (context.Json)
                RunTable.Json(context.Out, new { active, profiles = names });
            else if (names.Count == 0)
                context.Out.WriteLine($"no profiles in {paths.ProfilesDirectory}; create one with 'epycloud profile create NAME' or 'epycloud config init'");
            foreach (var name in context.Json ? [] : names)
                context.Out.WriteLine($"{(name == active ? "*" : " ")} {name}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return list;
    }

    private static Command BuildUse()
    {
        var name = NameArgument();
        var use = new Command("use", "Make a profile the active one (written to active_profile)") { name };
        CliAction.Set(use, (context, parse, _) =>
        {
            var paths = Paths(context);
            var profile = parse.GetValue(name)!;
            Existing(paths, profile);
            if (context.DryRun)
            {
                context.Out.WriteLine($"dry run: would make {profile} the active profile");
                return Task.FromResult(ExitCodes.Ok);
            }
            ConfigFiles.Write(paths.ActiveProfileFile, profile + "\n", force: true);
            context.Say($"active profile: {profile}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return use;
    }

    private static Command BuildCurrent()
    {
        var current = new Command("current", "Print the profile in use (--profile, else EPYCLOUD_PROFILE, else the active one, else default)");
        CliAction.Set(current, (context, _, _) =>
        {
            var paths = Paths(context);
            var (name, why) = context.Selection.Profile is { Length: > 0 } option ? (option, "--profile")
                : context.Variables.GetValueOrDefault("EPYCLOUD_PROFILE") is { Length: > 0 } variable ? (variable, "EPYCLOUD_PROFILE")
                : paths.ReadActiveProfile() is { } active ? (active, paths.ActiveProfileFile)
                : (ConfigLoader.DefaultProfile, "the default");
            context.Out.WriteLine(name);
            if (context.Verbose)
                context.Error.WriteLine($"from {why}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return current;
    }

    private static Command BuildCreate()
    {
        var name = NameArgument();
        var from = new Option<string?>("--from") { Description = "Start from a copy of this profile" };
        var activate = new Option<bool>("--use") { Description = "Make it the active profile too" };
        var create = new Command("create", "Create a profile file (from the template, or a copy of --from)") { name, from, activate };
        CliAction.Set(create, (context, parse, _) =>
        {
            var paths = Paths(context);
            var profile = parse.GetValue(name)!;
            if (!ConfigPaths.IsName(profile))
                throw new ConfigurationException($"'{profile}' is not a profile name", "use letters, digits, '-' and '_'");
            var file = paths.ProfileFile(profile);
            if (File.Exists(file))
                throw new ConfigurationException($"profile '{profile}' already exists ({file})", $"edit it with 'epycloud config edit --layer profile --profile {profile}'");
            var text = parse.GetValue(from) is { } source ? File.ReadAllText(Existing(paths, source)) : ConfigTemplates.Profile(profile);
            if (context.DryRun)
            {
                context.Out.WriteLine($"dry run: would create {file}");
                return Task.FromResult(ExitCodes.Ok);
            }
            ConfigFiles.Write(file, text);
            if (parse.GetValue(activate))
                ConfigFiles.Write(paths.ActiveProfileFile, profile + "\n", force: true);
            context.Say($"created {file}{(parse.GetValue(activate) ? " (active)" : "")}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return create;
    }

    private static Command BuildShow()
    {
        var name = new Argument<string?>("name") { Description = "The profile (default: the one in use)", Arity = ArgumentArity.ZeroOrOne };
        var output = GlobalOptions.Output();
        var show = new Command("show", "Show a profile's own settings, secrets masked") { name, output };
        CliAction.Set(show, (context, parse, _) =>
        {
            var paths = Paths(context);
            var profile = parse.GetValue(name) ?? context.Selection.Profile ?? paths.ReadActiveProfile() ?? ConfigLoader.DefaultProfile;
            var file = Existing(paths, profile);
            var values = ConfigYaml.Load(file);
            var masked = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in values)
                masked[key] = ConfigKey.IsSecret(key) ? LoadedConfig.Mask(value) : value;
            if (context.Json)
            {
                RunTable.Json(context.Out, new { profile, file, active = paths.ReadActiveProfile() == profile, settings = ConfigDocument.Nest(masked) });
                return Task.FromResult(ExitCodes.Ok);
            }
            context.Out.WriteLine($"# profile {profile}{(paths.ReadActiveProfile() == profile ? " (active)" : "")}: {file}");
            context.Out.Write(masked.Count == 0 ? "# (no settings of its own)\n" : ConfigDocument.Yaml(masked));
            return Task.FromResult(ExitCodes.Ok);
        });
        return show;
    }

    private static Command BuildDelete()
    {
        var name = NameArgument();
        var delete = new Command("delete", "Delete a profile (not the active one)") { name };
        CliAction.Set(delete, (context, parse, _) =>
        {
            var paths = Paths(context);
            var profile = parse.GetValue(name)!;
            var file = Existing(paths, profile);
            if (paths.ReadActiveProfile() == profile)
                throw new ConfigurationException($"profile '{profile}' is the active one", "make another active first: 'epycloud profile use NAME'");
            if (context.DryRun)
            {
                context.Out.WriteLine($"dry run: would delete {file}");
                return Task.FromResult(ExitCodes.Ok);
            }
            File.Delete(file);
            context.Say($"deleted {file}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return delete;
    }
}
