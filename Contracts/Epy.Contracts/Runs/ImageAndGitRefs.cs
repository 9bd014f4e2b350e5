using System.Text.RegularExpressions;

namespace Epy.Contracts.Runs;

/// <summary>
/// The checks on what a run request passes into a Batch job's image and environment, applied by the API
/// and by <c>epycloud</c> before sending:
/// <list type="bullet">
/// <item>an image tag (Docker's rule: a letter, digit or <c>_</c>, then up to 127 of those, <c>.</c> and
/// <c>-</c>) or a digest (<c>sha256:</c> and 64 lowercase hex digits);</item>
/// <item>a git ref (a branch, tag or commit): up to 255 of letters, digits, <c>. _ - /</c>, not starting
/// with <c>-</c>, <c>.</c> or <c>/</c>, no <c>..</c> or <c>//</c>, not ending in <c>/</c>, <c>.</c> or
/// <c>.lock</c> (a subset of <c>git check-ref-format</c>).</item>
/// </list>
/// </summary>
public static partial class ImageAndGitRefs
{
    /// <summary>Why <paramref name="tag"/> is not an image tag or digest, or null when it is one.</summary>
    public static string? ImageTagProblem(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (tag.StartsWith("sha256:", StringComparison.Ordinal))
            return Digest().IsMatch(tag) ? null : $"'{Shown(tag)}' is not a digest (sha256: and 64 lowercase hex digits)";
        return Tag().IsMatch(tag) ? null : $"'{Shown(tag)}' is not an image tag (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')";
    }

    /// <summary>Why <paramref name="reference"/> is not a git branch, tag or commit, or null when it is one.</summary>
    public static string? GitRefProblem(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var fine = GitRef().IsMatch(reference)
            && !reference.Contains("..", StringComparison.Ordinal)
            && !reference.Contains("//", StringComparison.Ordinal)
            && !reference.EndsWith('/') && !reference.EndsWith('.')
            && !reference.EndsWith(".lock", StringComparison.Ordinal);
        return fine ? null : $"'{Shown(reference)}' is not a git branch, tag or commit (letters, digits, '.', '_', '-', '/', at most 255, no '..')";
    }

    private static string Shown(string text) => text.Length > 80 ? text[..80] + "..." : text;

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("^sha256:[a-f0-9]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$", RegexOptions.CultureInvariant)]
    private static partial Regex GitRef();
}
