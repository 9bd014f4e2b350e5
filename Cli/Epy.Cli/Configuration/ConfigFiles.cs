namespace Epy.Cli.Configuration;

/// <summary>Writing configuration files: the folder's layout, secrets created mode 0600.</summary>
public static class ConfigFiles
{
    /// <summary>The layers a command may write: base, environment, profile, project, secrets.</summary>
    public static IReadOnlyList<string> Layers { get; } = ["base", "environment", "profile", "project", "secrets"];

    /// <summary>The file of <paramref name="layer"/> for the environment and profile in use.</summary>
    public static string FileOf(string layer, ConfigPaths paths, string environment, string profile, string projectDir)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return layer switch
        {
            "base" => paths.BaseFile,
            "environment" => paths.EnvironmentFile(environment),
            "profile" => paths.ProfileFile(profile),
            "project" => Path.GetFullPath(Path.Combine(projectDir, ConfigPaths.ProjectFileName)),
            "secrets" => paths.SecretsFile,
            _ => throw new ConfigurationException($"'{layer}' is not a layer", $"use one of {string.Join(", ", Layers)}"),
        };
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="file"/> unless it exists (or <paramref name="force"/>); secrets mode 0600. True when written.</summary>
    public static bool Write(string file, string text, bool force = false, bool secret = false)
    {
        if (File.Exists(file) && !force)
            return false;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(file, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
            writer.Write(text);
        if (secret && !OperatingSystem.IsWindows())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return true;
    }

    /// <summary>
    /// Makes an existing secrets file readable and writable by its owner only; returns its former mode (octal) when that
    /// was looser, null when it was already tight or does not exist.
    /// </summary>
    public static string? TightenSecrets(string file)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(file))
            return null;
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var mode = File.GetUnixFileMode(file);
        if (mode == ownerOnly)
            return null;
        File.SetUnixFileMode(file, ownerOnly);
        return (mode & ~ownerOnly) == 0 ? null : Convert.ToString((int)mode, 8);
    }

    /// <summary>The mode a layer's new file gets: 0600 for secrets, the default otherwise.</summary>
    public static UnixFileMode? CreateMode(string layer) =>
        layer == "secrets" ? UnixFileMode.UserRead | UnixFileMode.UserWrite : null;
}
