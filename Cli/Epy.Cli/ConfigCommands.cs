using System.CommandLine;
using Epy.Cli.Configuration;

namespace Epy.Cli;

/// <summary><c>epycloud config init|show|edit|edit-secrets|validate|get|set|path|list-envs</c>: the layered settings (see <see cref="ConfigLoader"/>).</summary>
public static partial class ConfigCommands
{
    /// <summary>Builds <c>config</c> and its subcommands.</summary>
    public static Command Build()
    {
        var config = new Command("config", "Settings: config.yaml < environments/{env}.yaml < profiles/{profile}.yaml < ./epycloud.yaml < secrets.yaml < EPYCLOUD_* variables");
        config.Subcommands.Add(BuildInit());
        config.Subcommands.Add(BuildShow());
        config.Subcommands.Add(BuildEdit());
        config.Subcommands.Add(BuildEditSecrets());
        config.Subcommands.Add(BuildValidate());
        config.Subcommands.Add(BuildGet());
        config.Subcommands.Add(BuildSet());
        config.Subcommands.Add(BuildPath());
        config.Subcommands.Add(BuildListEnvs());
        return config;
    }

    /// <summary>A new <c>--layer</c> option: which file a command writes.</summary>
    private static Option<string> LayerOption(string verb)
    {
        var layer = new Option<string>("--layer")
        {
            Description = $"The file to {verb}: base (config.yaml), environment (of --env), profile (of --profile), project (./epycloud.yaml) or secrets",
            DefaultValueFactory = _ => "base",
        };
        layer.AcceptOnlyFromAmong([.. ConfigFiles.Layers]);
        return layer;
    }

    private static Option<string> ProjectDirOption() =>
        new("--project-dir") { Description = "The folder of the project file epycloud.yaml (default: the current folder)", DefaultValueFactory = _ => "." };

    private static Command BuildInit()
    {
        var force = new Option<bool>("--force") { Description = "Overwrite existing files with the templates" };
        var init = new Command("init", "Create the configuration folder: config.yaml, environments/dev.yaml and prod.yaml, profiles/default.yaml, secrets.yaml (mode 600), active_profile") { force };
        CliAction.Set(init, (context, parse, _) =>
        {
            var paths = ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);
            var files = new (string File, string Text, bool Secret)[]
            {
                (paths.BaseFile, ConfigTemplates.Base, false),
                (paths.EnvironmentFile("dev"), ConfigTemplates.Environment("dev"), false),
                (paths.EnvironmentFile("prod"), ConfigTemplates.Environment("prod"), false),
                (paths.ProfileFile(ConfigLoader.DefaultProfile), ConfigTemplates.Profile(ConfigLoader.DefaultProfile), false),
                (paths.SecretsFile, ConfigTemplates.Secrets, true),
                (paths.ActiveProfileFile, ConfigLoader.DefaultProfile + "\n", false),
            };
            foreach (var (file, text, secret) in files)
            {
                if (context.DryRun)
                    context.Out.WriteLine($"dry run: would {(File.Exists(file) && !parse.GetValue(force) ? "keep" : "write")} {file}");
                else
                    context.Say($"{(ConfigFiles.Write(file, text, parse.GetValue(force), secret) ? "created" : "kept   ")} {file}");
            }
            context.Say($"next: epycloud config set orchestrator.url URL, google_cloud.project_id ... (or epycloud config edit)");
            return Task.FromResult(ExitCodes.Ok);
        });
        return init;
    }

    private static Command BuildShow()
    {
        var output = GlobalOptions.Output();
        var projectDir = ProjectDirOption();
        var show = new Command("show", "Show the merged settings for the environment and profile in use, secrets masked (--verbose: where each comes from)") { output, projectDir };
        CliAction.Set(show, (context, parse, _) =>
        {
            var loaded = ConfigLoader.Load(context.Selection, context.Variables);
            var masked = loaded.Masked();
            if (context.Json)
            {
                RunTable.Json(context.Out, new SortedDictionary<string, object>(StringComparer.Ordinal)
                {
                    ["directory"] = loaded.Paths.Directory,
                    ["environment"] = loaded.Environment,
                    ["profile"] = loaded.Profile,
                    ["settings"] = ConfigDocument.Nest(masked),
                    ["sources"] = loaded.Sources,
                });
                return Task.FromResult(ExitCodes.Ok);
            }
            context.Out.WriteLine($"# environment {loaded.Environment}, profile {loaded.Profile}, folder {loaded.Paths.Directory}");
            if (context.Verbose)
            {
                foreach (var (key, value) in masked)
                    context.Out.WriteLine($"{key} = {value}    # {loaded.Sources[key]}");
            }
            else
            {
                context.Out.Write(ConfigDocument.Yaml(masked));
            }
            return Task.FromResult(ExitCodes.Ok);
        }, projectDir);
        return show;
    }

    private static Command BuildGet()
    {
        var key = new Argument<string>("key") { Description = "A dotted key, e.g. google_cloud.project_id" };
        var reveal = new Option<bool>("--reveal") { Description = "Print a secret's value instead of masking it" };
        var projectDir = ProjectDirOption();
        var get = new Command("get", "Print one setting's value (after every layer and substitution)") { key, reveal, projectDir };
        CliAction.Set(get, (context, parse, _) =>
        {
            var loaded = ConfigLoader.Load(context.Selection, context.Variables);
            var name = parse.GetValue(key)!;
            if (!loaded.Values.TryGetValue(name, out var value))
            {
                context.Fail($"{name} is not set (environment {loaded.Environment}, profile {loaded.Profile})", $"set it with 'epycloud config set {name} VALUE'");
                return Task.FromResult(ExitCodes.RunFailed);
            }
            context.Out.WriteLine(loaded.IsSecret(name) && !parse.GetValue(reveal) ? LoadedConfig.Mask(value) : value);
            if (context.Verbose)
                context.Error.WriteLine($"from {loaded.Sources[name]}");
            return Task.FromResult(ExitCodes.Ok);
        }, projectDir);
        return get;
    }

    private static Command BuildPath()
    {
        var path = new Command("path", "Print the configuration folder (--verbose: every layer's file and whether it exists)");
        CliAction.Set(path, (context, parse, _) =>
        {
            var paths = ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);
            context.Out.WriteLine(paths.Directory);
            if (context.Verbose)
            {
                var loaded = ConfigLoader.Load(context.Selection, context.Variables);
                foreach (var layer in loaded.Layers.Where(l => l.File is not null))
                    context.Out.WriteLine($"  {layer.Name,-24} {layer.File} ({(File.Exists(layer.File) ? "exists" : "missing")})");
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return path;
    }
}
