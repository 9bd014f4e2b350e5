using System.CommandLine;
using System.Globalization;
using Epy.Cli.Configuration;

namespace Epy.Cli;

public static partial class ConfigCommands
{
    private static Command BuildSet()
    {
        var key = new Argument<string>("key") { Description = "A dotted key, e.g. google_cloud.project_id (see 'config validate' for the known ones)" };
        var value = new Argument<string?>("value")
        {
            Description = "The value; an empty string clears it; '-' (or --stdin) reads it from standard input; left out, it is asked for without echo",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var stdin = new Option<bool>("--stdin") { Description = "Read the value from standard input's first line (keeps a token off the command line)" };
        var layer = LayerOption("write");
        var projectDir = ProjectDirOption();
        var set = new Command("set", "Set one setting in one file (default config.yaml); comments of that file are not kept") { key, value, stdin, layer, projectDir };
        CliAction.Set(set, (context, parse, _) =>
        {
            var name = parse.GetValue(key)!.Trim();
            var text = SecretInput.Value(name, parse.GetValue(value), parse.GetValue(stdin), context.Error);
            var target = parse.GetValue(layer)!;
            if (name.Length == 0 || !name.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
                throw new ConfigurationException($"'{name}' is not a setting key", "keys are dotted lowercase names such as google_cloud.project_id");
            if (ValueProblem(name, text) is { } problem)
                throw new ConfigurationException($"{name}: {problem}", ConfigKey.Find(name)?.Description);
            if (ConfigKey.IsSecret(name) && target != "secrets")
                throw new ConfigurationException($"{name} is a secret and belongs in secrets.yaml, not the {target} layer", $"epycloud config set {name} VALUE --layer secrets");
            if (ConfigKey.Find(name) is null)
                context.Error.WriteLine($"epycloud: note: {name} is not a setting epycloud reads (typo?); set anyway");
            var (environment, profile) = Names(context);
            var file = ConfigFiles.FileOf(target, ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables), environment, profile, context.Selection.ProjectDir);
            var shown = ConfigKey.IsSecret(name) || target == "secrets" ? LoadedConfig.Mask(text) : text;
            if (context.DryRun)
            {
                context.Out.WriteLine($"dry run: would set {name} = {shown} in {file}");
                return Task.FromResult(ExitCodes.Ok);
            }
            if (target == "secrets" && ConfigFiles.TightenSecrets(file) is { } loose)
                context.Error.WriteLine($"epycloud: note: {file} was open to other users (mode {loose}); it is now 600");
            ConfigYaml.Set(file, name, text, ConfigFiles.CreateMode(target));
            if (target == "secrets")
                ConfigFiles.TightenSecrets(file);
            if (ConfigKey.IsSecret(name) && parse.GetValue(value) is { Length: > 0 } typed && typed != "-")
                context.Error.WriteLine($"epycloud: note: the value was on the command line (shell history, process list); next time: epycloud config set {name} - --layer secrets");
            context.Say($"{name} = {shown}  ({file})");
            return Task.FromResult(ExitCodes.Ok);
        }, projectDir);
        return set;
    }

    private static Command BuildEdit()
    {
        var layer = LayerOption("edit");
        var projectDir = ProjectDirOption();
        var edit = new Command("edit", "Open one settings file in $VISUAL or $EDITOR (default config.yaml), then validate the result") { layer, projectDir };
        CliAction.Set(edit, (context, parse, ct) =>
        {
            var target = parse.GetValue(layer)!;
            var (environment, profile) = Names(context);
            var paths = ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);
            var file = ConfigFiles.FileOf(target, paths, environment, profile, context.Selection.ProjectDir);
            var template = target switch
            {
                "base" => ConfigTemplates.Base,
                "environment" => ConfigTemplates.Environment(environment),
                "profile" => ConfigTemplates.Profile(profile),
                "secrets" => ConfigTemplates.Secrets,
                _ => "",
            };
            return ConfigEditor.EditAsync(context, file, template, secret: target == "secrets", $"epycloud config edit --layer {target}", ct);
        }, projectDir);
        return edit;
    }

    private static Command BuildValidate()
    {
        var output = GlobalOptions.Output();
        var projectDir = ProjectDirOption();
        var validate = new Command("validate", "Check the settings: files readable, values well formed, secrets only in secrets.yaml (mode 600); unknown keys are warnings") { output, projectDir };
        CliAction.Set(validate, (context, parse, _) =>
        {
            var report = ConfigReport.Check(context.Selection, context.Variables);
            if (context.Json)
            {
                RunTable.Json(context.Out, report);
            }
            else
            {
                foreach (var error in report.Errors)
                    context.Out.WriteLine($"error: {error}");
                foreach (var warning in report.Warnings)
                    context.Out.WriteLine($"warning: {warning}");
                context.Out.WriteLine(report.Valid
                    ? $"valid (environment {report.Environment}, profile {report.Profile}), {report.Warnings.Count} warning(s)"
                    : $"{report.Errors.Count} error(s), {report.Warnings.Count} warning(s)");
            }
            return Task.FromResult(report.Valid ? ExitCodes.Ok : ExitCodes.ConfigurationError);
        }, projectDir);
        return validate;
    }

    /// <summary>What is wrong with <paramref name="value"/> for the known setting <paramref name="key"/>, or null.</summary>
    public static string? ValueProblem(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || ConfigKey.Find(key) is not { } known)
            return null;
        return known.Kind switch
        {
            "int" when !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => $"'{value}' is not a whole number",
            "bool" when value.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "1" or "0") => $"'{value}' is not true or false",
            "url" when !(Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") => $"'{value}' is not an http(s) URL",
            "url" when new Uri(value).Scheme == "http" && !new Uri(value).IsLoopback => $"'{value}' must be https (plain http only for 127.0.0.1, localhost or [::1])",
            _ when key == "defaults.image_tag" => Epy.Contracts.Runs.ImageAndGitRefs.ImageTagProblem(value),
            _ when key == "defaults.forecast_repo_ref" => Epy.Contracts.Runs.ImageAndGitRefs.GitRefProblem(value),
            "prefix" when !value.EndsWith('/') => $"'{value}' must end in '/'",
            _ => null,
        };
    }

    /// <summary>The environment and profile a layer option refers to: as <see cref="ConfigLoader"/> chooses them, without requiring their files.</summary>
    private static (string Environment, string Profile) Names(CliContext context)
    {
        var paths = ConfigPaths.Locate(context.Selection.ConfigDir, context.Variables);
        var environment = context.Selection.Environment
            ?? (context.Variables.GetValueOrDefault("EPYCLOUD_ENV") is { Length: > 0 } e ? e : ConfigLoader.DefaultEnvironment);
        var profile = context.Selection.Profile
            ?? (context.Variables.GetValueOrDefault("EPYCLOUD_PROFILE") is { Length: > 0 } p ? p : paths.ReadActiveProfile() ?? ConfigLoader.DefaultProfile);
        if (!ConfigPaths.IsName(environment) || !ConfigPaths.IsName(profile))
            throw new ConfigurationException($"'{environment}' / '{profile}' is not an environment / profile name", "use letters, digits, '-' and '_'");
        return (environment, profile);
    }
}
