namespace Epy.Cli.Configuration;

/// <summary>
/// Reads the layers and merges them, a later one winning: base <c>config.yaml</c> &lt; <c>environments/{env}.yaml</c>
/// &lt; <c>profiles/{profile}.yaml</c> &lt; the project's <c>./epycloud.yaml</c> &lt; <c>secrets.yaml</c>
/// &lt; <c>EPYCLOUD_*</c> variables (see <see cref="EnvironmentOverrides"/>). The project file's
/// <see cref="ConfigKey.UserOnly"/> settings are skipped unless the user's own layers allow them. Then <c>{environment}</c> and
/// <c>{profile}</c> in every value are replaced by the names in use.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The environment used when none is chosen.</summary>
    public const string DefaultEnvironment = "dev";

    /// <summary>The profile used when none is chosen or active.</summary>
    public const string DefaultProfile = "default";

    /// <summary>The name of the project file's layer.</summary>
    public const string ProjectLayer = "project";

    /// <summary>True when a layer other than the project's sets <see cref="ConfigKey.AllowProjectUrls"/> to true (the last one wins).</summary>
    public static bool AllowsProjectUrls(IEnumerable<ConfigLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var allowed = false;
        foreach (var layer in layers.Where(l => l.Name != ProjectLayer))
        {
            if (layer.Values.TryGetValue(ConfigKey.AllowProjectUrls, out var text) && text.Length > 0)
                allowed = text.Trim().ToLowerInvariant() is "true" or "yes" or "on" or "1";
        }
        return allowed;
    }

    /// <summary>Loads the settings for <paramref name="selection"/>; <paramref name="variables"/> is the process environment.</summary>
    public static LoadedConfig Load(ConfigSelection selection, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(variables);
        var paths = ConfigPaths.Locate(selection.ConfigDir, variables);
        var (environment, chosenEnvironment) = Choose(selection.Environment, variables, "EPYCLOUD_ENV", null, DefaultEnvironment);
        var (profile, chosenProfile) = Choose(selection.Profile, variables, "EPYCLOUD_PROFILE", paths.ReadActiveProfile(), DefaultProfile);
        if (!ConfigPaths.IsName(environment))
            throw new ConfigurationException($"'{environment}' is not an environment name", "use letters, digits, '-' and '_' (e.g. --env prod)");
        if (!ConfigPaths.IsName(profile))
            throw new ConfigurationException($"'{profile}' is not a profile name", "use letters, digits, '-' and '_'");
        var environmentFile = paths.EnvironmentFile(environment);
        if (chosenEnvironment && !File.Exists(environmentFile))
            throw new ConfigurationException($"environment '{environment}' has no settings file {environmentFile}", $"create it ('epycloud config edit --env {environment}') or choose another --env");
        var profileFile = paths.ProfileFile(profile);
        if (chosenProfile && !File.Exists(profileFile))
            throw new ConfigurationException($"profile '{profile}' does not exist ({profileFile})", $"create it with 'epycloud profile create {profile}', or see 'epycloud profile list'");
        CheckSecretsMode(paths.SecretsFile);
        var projectFile = Path.GetFullPath(Path.Combine(selection.ProjectDir, ConfigPaths.ProjectFileName));

        ConfigLayer[] layers =
        [
            new("base", paths.BaseFile, ConfigYaml.Load(paths.BaseFile)),
            new($"environment {environment}", environmentFile, ConfigYaml.Load(environmentFile)),
            new($"profile {profile}", profileFile, ConfigYaml.Load(profileFile)),
            new(ProjectLayer, projectFile, ProjectFile.LoadSettings(selection.ProjectDir)),
            new("secrets", paths.SecretsFile, ConfigYaml.Load(paths.SecretsFile)),
            new("variables", null, EnvironmentOverrides.From(variables)),
        ];
        var projectMayRedirect = AllowsProjectUrls(layers);
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sources = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var (key, value) in layer.Values)
            {
                // A cloned repository must not send the user's tokens elsewhere: 'config validate' says it was ignored.
                if (layer.Name == ProjectLayer && !projectMayRedirect && ConfigKey.UserOnly.Contains(key, StringComparer.Ordinal))
                    continue;
                values[key] = Substitute(value, environment, profile);
                sources[key] = layer.File is { } file ? $"{layer.Name} ({file})" : $"{layer.Name} ({EnvironmentOverrides.VariableOf(key)})";
            }
        }
        return new LoadedConfig(paths, environment, profile, layers, values, sources);
    }

    /// <summary><paramref name="value"/> with <c>{environment}</c> and <c>{profile}</c> replaced.</summary>
    public static string Substitute(string value, string environment, string profile)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("{environment}", environment, StringComparison.Ordinal).Replace("{profile}", profile, StringComparison.Ordinal);
    }

    /// <summary>Refuses a secrets file that others may read or write: it holds tokens.</summary>
    public static void CheckSecretsMode(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
            return;
        var mode = File.GetUnixFileMode(file);
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if ((mode & others) != 0)
        {
            throw new ConfigurationException(
                $"{file} is open to other users (mode {Convert.ToString((int)mode, 8)}); secrets must be mode 600",
                $"run: chmod 600 {file}");
        }
    }

    private static (string Name, bool Chosen) Choose(string? option, IReadOnlyDictionary<string, string> variables, string variable, string? active, string fallback)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return (option.Trim(), true);
        if (variables.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value))
            return (value.Trim(), true);
        return active is null ? (fallback, false) : (active, true);
    }
}
