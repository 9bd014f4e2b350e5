namespace Epy.Stages.Configs;

/// <summary>
/// Confines the paths a config names (<c>observed_data_path</c>, <c>scenario_data_path</c>, <c>data_path</c>,
/// <c>hub_config</c>, ...) to the forecast repository: each is relative, and resolves, symbolic links
/// followed at every step, to a place inside the repository's own resolved folder. <c>/etc/passwd</c>,
/// <c>../x</c>, <c>/dev/zero</c> and a link that points out are refused with the field named, before any is read.
/// </summary>
public static class RepositoryPaths
{
    // Links followed while resolving one path before it is called a loop (Linux's own limit is 40).
    private const int MaxLinks = 40;

    /// <summary>Every path of <paramref name="experiment"/> that leaves <paramref name="forecastRepo"/>, as an error at its config value.</summary>
    public static IReadOnlyList<ConfigError> Check(Experiment experiment, string forecastRepo)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var errors = new List<ConfigError>();
        foreach (var (value, field) in Named(experiment))
        {
            if (Refusal(forecastRepo, value.Value) is { } reason)
                errors.Add(ConfigError.At(value.Span, field, reason));
        }
        return errors;
    }

    /// <summary>
    /// The resolved full path of <paramref name="relative"/> inside <paramref name="forecastRepo"/>.
    /// </summary>
    /// <exception cref="ConfigValidationException">The path leaves the repository (the error names <paramref name="field"/> at the value).</exception>
    public static string Resolve(string forecastRepo, Located<string> relative, string field)
    {
        ArgumentNullException.ThrowIfNull(relative);
        if (Refusal(forecastRepo, relative.Value) is { } reason)
            throw new ConfigValidationException([ConfigError.At(relative.Span, field, reason)]);
        return Path.GetFullPath(Path.Combine(forecastRepo, relative.Value));
    }

    /// <summary>Why <paramref name="relative"/> may not be read from <paramref name="forecastRepo"/>, or null when it may.</summary>
    public static string? Refusal(string forecastRepo, string relative)
    {
        ArgumentNullException.ThrowIfNull(forecastRepo);
        ArgumentNullException.ThrowIfNull(relative);
        var normal = relative.Replace('\\', '/');
        if (normal.Length == 0)
            return "an empty path: give a path relative to the forecast repository";
        if (Path.IsPathRooted(relative) || normal.StartsWith('/') || (normal.Length > 1 && normal[1] == ':'))
            return $"'{relative}' is an absolute path: give a path relative to the forecast repository";
        if (normal.Contains('\0', StringComparison.Ordinal))
            return "the path holds a NUL character";
        if (normal.Split('/').Any(segment => segment == ".."))
            return $"'{relative}' leaves the forecast repository ('..'): give a path inside it";
        var root = RealPath(forecastRepo);
        var target = RealPath(Path.Combine(forecastRepo, relative));
        if (root is null || target is null)
            return $"'{relative}' goes through a loop of symbolic links";
        return IsInside(target, root) ? null : $"'{relative}' resolves (through a symbolic link) outside the forecast repository: give a file inside it";
    }

    /// <summary>The paths of an experiment's configs with the field that names each.</summary>
    private static IEnumerable<(Located<string> Value, string Field)> Named(Experiment experiment)
    {
        if (experiment.Modelset?.Calibration?.ObservedDataPath is { } observed)
            yield return (observed, "modelset.calibration.observed_data_path");
        if (experiment.Basemodel.Vaccination is { } vaccination)
            yield return (vaccination.ScenarioDataPath, vaccination.Preprocessed ? "model.vaccination.preprocessed_vaccination_data_path" : "model.vaccination.scenario_data_path");
        if (experiment.Output is not { } output)
            yield break;
        if (output.FlusightFormat?.RateTrends?.ObservedDataPath is { } trends)
            yield return (trends, "output.flusight_format.rate_trends.observed_data_path");
        if (output.FlusightFormat?.HubConfig is { } hub)
            yield return (hub, "output.flusight_format.hub_config");
        foreach (var source in output.Surveillance)
            yield return (source.DataPath, $"output.options.surveillance.{source.Name.Value}.data_path");
    }

    private static bool IsInside(string path, string root)
    {
        var folder = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path == root || path.StartsWith(folder, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="path"/> made absolute with every symbolic link on the way replaced by what it points
    /// to (as realpath(3); a missing tail is kept as written); null on a loop of links.
    /// </summary>
    internal static string? RealPath(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string? Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = part == ".." ? (Path.GetDirectoryName(current) ?? root) : Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                    return null;
                var pointed = Path.GetFullPath(target, current);
                if (Resolve(pointed, ref links) is not { } resolved)
                    return null;
                next = resolved;
            }
            current = next;
        }
        return current;
    }
}
