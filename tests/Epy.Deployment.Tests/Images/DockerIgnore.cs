using Epy.Testing;

namespace Epy.Deployment.Tests.Images;

/// <summary>The repository's <c>.dockerignore</c>, for the patterns it uses: <c>**/name</c>, <c>name</c>, <c>prefix*</c>.</summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<string> _patterns;

    private DockerIgnore(IReadOnlyList<string> patterns)
    {
        _patterns = patterns;
    }

    /// <summary>Reads <c>{repository}/.dockerignore</c>.</summary>
    public static DockerIgnore Read() => new([.. File.ReadAllLines(Path.Combine(TestData.RepositoryRoot, ".dockerignore"))
        .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))]);

    /// <summary>Whether the context path <paramref name="relative"/> (with '/') is left out of the build context.</summary>
    public bool Excludes(string relative)
    {
        ArgumentNullException.ThrowIfNull(relative);
        var segments = relative.Split('/');
        foreach (var pattern in _patterns)
        {
            if (pattern.Contains('!', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal) || pattern.Contains('[', StringComparison.Ordinal))
                throw new NotSupportedException($".dockerignore pattern '{pattern}': teach DockerIgnore this syntax");
            if (pattern.StartsWith("**/", StringComparison.Ordinal))
            {
                if (segments.Any(segment => Matches(segment, pattern[3..])))
                    return true;
            }
            else if (!pattern.Contains('/', StringComparison.Ordinal) ? Matches(segments[0], pattern) : relative == pattern || relative.StartsWith(pattern + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Matches(string segment, string pattern) =>
        pattern.EndsWith('*') ? segment.StartsWith(pattern[..^1], StringComparison.Ordinal) : segment == pattern;
}
