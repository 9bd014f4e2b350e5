using System.Diagnostics.CodeAnalysis;

namespace Epy.Stages.ForecastRepo;

/// <summary>The forecast repository to clone: <c>owner/repo</c> on GitHub, or a full https, http or file URL.</summary>
/// <param name="Url">The URL git fetches from (without credentials).</param>
public sealed record GitRemote(Uri Url)
{
    /// <summary>Where <c>owner/repo</c> names live.</summary>
    public static readonly Uri GitHub = new("https://github.com/");

    /// <summary>The URL as git and the manifest see it.</summary>
    public override string ToString() => Url.AbsoluteUri;

    /// <summary>Reads <c>GITHUB_FORECAST_REPO</c>: <c>owner/repo</c> (<c>.git</c> optional) or an absolute https, http or file URL.</summary>
    /// <param name="text">The value.</param>
    /// <param name="remote">The remote read.</param>
    /// <param name="reason">Why <paramref name="text"/> is not a remote.</param>
    public static bool TryParse(string text, [NotNullWhen(true)] out GitRemote? remote, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        remote = null;
        text = text.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http" or "file"))
            {
                reason = $"'{text}' is not an https, http or file URL";
                return false;
            }
            if (url.UserInfo.Length > 0)
            {
                // A URL with credentials would print them in every git message and in the manifest.
                reason = "the URL holds credentials; put the token in Secret Manager and name it in GITHUB_PAT_SECRET";
                return false;
            }
            remote = new GitRemote(url);
            reason = null;
            return true;
        }

        var parts = text.Split('/');
        if (parts is [var owner, var name] && IsOwner(owner) && IsName(name))
        {
            remote = new GitRemote(new Uri(GitHub, $"{owner}/{(name.EndsWith(".git", StringComparison.Ordinal) ? name : name + ".git")}"));
            reason = null;
            return true;
        }
        reason = $"'{text}' is not owner/repo or an https, http or file URL";
        return false;
    }

    private static bool IsOwner(string owner) =>
        owner.Length is > 0 and <= 39 && owner[0] != '-' && owner.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 100 && name is not "." and not ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
