namespace Epy.Stages.Storage;

/// <summary>
/// The rules for object names shared by every store: relative, '/'-separated, with no empty,
/// <c>.</c> or <c>..</c> segment and no backslash, so a name can never leave a local root.
/// </summary>
public static class ArtifactPath
{
    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="path"/> unless it is a valid object name.</summary>
    /// <param name="path">The candidate object name.</param>
    /// <param name="parameterName">The argument name reported in the exception.</param>
    public static void Validate(string path, string parameterName = "path")
    {
        ArgumentNullException.ThrowIfNull(path, parameterName);
        var problem = Problem(path, allowTrailingSlash: false);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid artifact path '{path}': {problem}.", parameterName);
        }
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="prefix"/> is empty or could begin a valid
    /// object name (the same rules, but it may end with '/').
    /// </summary>
    /// <param name="prefix">The candidate listing prefix.</param>
    /// <param name="parameterName">The argument name reported in the exception.</param>
    public static void ValidatePrefix(string prefix, string parameterName = "prefix")
    {
        ArgumentNullException.ThrowIfNull(prefix, parameterName);
        if (prefix.Length == 0)
        {
            return;
        }

        var problem = Problem(prefix, allowTrailingSlash: true);
        if (problem is not null)
        {
            throw new ArgumentException($"Invalid artifact prefix '{prefix}': {problem}.", parameterName);
        }
    }

    private static string? Problem(string path, bool allowTrailingSlash)
    {
        if (path.Length == 0)
        {
            return "it is empty";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "it contains a backslash (use '/')";
        }

        if (path[0] == '/' || (path.Length > 1 && path[1] == ':'))
        {
            return "it is absolute (names are relative to the store root)";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "it contains a NUL character";
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0 && !(allowTrailingSlash && i == segments.Length - 1))
            {
                return "it has an empty segment";
            }

            if (segment is "." or "..")
            {
                return $"it has a '{segment}' segment";
            }
        }

        return null;
    }
}
