namespace Epy.Cli.Configuration;

/// <summary>
/// The files of the configuration folder: <c>--config DIR</c>, else <c>EPYCLOUD_CONFIG_DIR</c>, else
/// <c>$XDG_CONFIG_HOME/epymodelingsuite-cloud</c>, else <c>~/.config/epymodelingsuite-cloud</c>.
/// </summary>
/// <param name="Directory">The folder.</param>
public sealed record ConfigPaths(string Directory)
{
    /// <summary>The folder's name under the user's configuration home.</summary>
    public const string FolderName = "epymodelingsuite-cloud";

    /// <summary>The project file's name, looked for in the current folder (or <c>--project-dir</c>).</summary>
    public const string ProjectFileName = "epycloud.yaml";

    /// <summary>The base layer.</summary>
    public string BaseFile => Path.Combine(Directory, "config.yaml");

    /// <summary>The environments' folder.</summary>
    public string EnvironmentsDirectory => Path.Combine(Directory, "environments");

    /// <summary>The profiles' folder.</summary>
    public string ProfilesDirectory => Path.Combine(Directory, "profiles");

    /// <summary>The secrets layer (mode 0600).</summary>
    public string SecretsFile => Path.Combine(Directory, "secrets.yaml");

    /// <summary>The file naming the active profile.</summary>
    public string ActiveProfileFile => Path.Combine(Directory, "active_profile");

    /// <summary>The layer of environment <paramref name="name"/>.</summary>
    public string EnvironmentFile(string name) => Path.Combine(EnvironmentsDirectory, $"{name}.yaml");

    /// <summary>The layer of profile <paramref name="name"/>.</summary>
    public string ProfileFile(string name) => Path.Combine(ProfilesDirectory, $"{name}.yaml");

    /// <summary>The folder to use: <paramref name="overrideDir"/>, else the variables' choice, else the home's.</summary>
    public static ConfigPaths Locate(string? overrideDir, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(overrideDir))
            return new ConfigPaths(Path.GetFullPath(overrideDir));
        if (environment.TryGetValue("EPYCLOUD_CONFIG_DIR", out var dir) && dir.Length > 0)
            return new ConfigPaths(Path.GetFullPath(dir));
        if (environment.TryGetValue("XDG_CONFIG_HOME", out var xdg) && Path.IsPathRooted(xdg))
            return new ConfigPaths(Path.Combine(xdg, FolderName));
        var home = environment.TryGetValue("HOME", out var h) && h.Length > 0 ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        return new ConfigPaths(Path.Combine(home, ".config", FolderName));
    }

    /// <summary>The active profile written by <c>epycloud profile use</c>, or null.</summary>
    public string? ReadActiveProfile() =>
        File.Exists(ActiveProfileFile) && File.ReadAllText(ActiveProfileFile).Trim() is { Length: > 0 } name ? name : null;

    /// <summary>The profiles that exist, by name.</summary>
    public IReadOnlyList<string> Profiles() =>
        System.IO.Directory.Exists(ProfilesDirectory)
            ? [.. System.IO.Directory.EnumerateFiles(ProfilesDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The environments that exist, by name.</summary>
    public IReadOnlyList<string> Environments() =>
        System.IO.Directory.Exists(EnvironmentsDirectory)
            ? [.. System.IO.Directory.EnumerateFiles(EnvironmentsDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>True for a profile or environment name: letters, digits, '-', '_', at most 63.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 and <= 63 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && name[0] != '-';
}
