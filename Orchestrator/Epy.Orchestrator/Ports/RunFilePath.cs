namespace Epy.Orchestrator.Ports;

/// <summary>
/// What may name a file inside a run's folder when the dashboard asks for one: one to three segments joined by
/// '/', each an <see cref="OutputFileName"/> (no '\', "..", hidden or empty segment), so nothing outside the run's
/// folder can be reached, whatever the store.
/// </summary>
public static class RunFilePath
{
    /// <summary>True when <paramref name="path"/> is such a path.</summary>
    public static bool IsValid(string? path) =>
        path is { Length: > 0 and <= 400 } && path.Split('/') is { Length: >= 1 and <= 3 } segments && segments.All(OutputFileName.IsValid);

    /// <summary>Throws unless <paramref name="path"/> is valid.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void Check(string path)
    {
        if (!IsValid(path))
            throw new ArgumentException($"'{path}' is not a path inside a run's folder", nameof(path));
    }
}
