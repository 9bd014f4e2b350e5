using System.Text;

namespace Epy.Stages.ForecastRepo;

/// <summary>
/// The git commands of a shallow checkout (<c>init</c>, <c>remote add</c>, <c>fetch --depth 1</c>,
/// <c>checkout FETCH_HEAD</c>, <c>rev-parse HEAD</c>), as data. The token never goes on a command line:
/// the fetch gets it as an <c>http.{scheme://host:port}/.extraHeader</c> through <c>GIT_CONFIG_COUNT</c>/<c>GIT_CONFIG_KEY_n</c>/<c>GIT_CONFIG_VALUE_n</c>
/// in its environment, which git sends to the remote's host alone (a renamed repository's redirect on that host keeps it;
/// another host never sees it).
/// </summary>
public static class GitCommands
{
    /// <summary>What git fetches when no ref is named: the remote's default branch.</summary>
    public const string DefaultRef = "HEAD";

    /// <summary>The basic-auth user name GitHub documents for tokens; any name works with a personal access token.</summary>
    public const string TokenUser = "x-access-token";

    /// <summary>Variables that would point git at another repository or add configuration from the parent.</summary>
    private static readonly string[] Inherited = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG_PARAMETERS"];

    /// <summary>Whether <paramref name="gitRef"/> can be fetched as a branch, tag or commit, and if not, why.</summary>
    public static bool IsValidRef(string gitRef, out string reason)
    {
        ArgumentNullException.ThrowIfNull(gitRef);
        reason = gitRef switch
        {
            "" => "is empty",
            _ when gitRef.StartsWith('-') => "starts with '-'",
            _ when gitRef.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ':' or '~' or '^' or '?' or '*' or '[' or '\\') => "holds a space, a control character or one of : ~ ^ ? * [ \\",
            _ when gitRef.Contains("..", StringComparison.Ordinal) || gitRef.Contains("@{", StringComparison.Ordinal) => "holds '..' or '@{'",
            _ => string.Empty,
        };
        return reason.Length == 0;
    }

    /// <summary><c>git init --quiet {folder}</c>.</summary>
    public static GitInvocation Init(string folder) => new("git init", ["init", "--quiet", folder], Environment());

    /// <summary><c>git -C {folder} remote add origin {url}</c>.</summary>
    public static GitInvocation AddRemote(string folder, GitRemote remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return new("git remote add", ["-C", folder, "remote", "add", "origin", remote.ToString()], Environment());
    }

    /// <summary><c>git -C {folder} fetch --quiet --depth 1 --no-tags origin {ref}</c>, with the token (if any) in the environment.</summary>
    public static GitInvocation Fetch(string folder, GitRemote remote, string gitRef, string? token)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var config = new List<(string Key, string Value)>();
        if (token is not null)
            config.Add(($"http.{remote.Url.GetLeftPart(UriPartial.Authority)}/.extraHeader", AuthorizationHeader(token)));
        return new("git fetch", ["-C", folder, "fetch", "--quiet", "--depth", "1", "--no-tags", "origin", gitRef], Environment(config));
    }

    /// <summary><c>git -C {folder} checkout --quiet --detach FETCH_HEAD</c>: the fetched branch, tag (peeled) or commit.</summary>
    public static GitInvocation Checkout(string folder) =>
        new("git checkout", ["-C", folder, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", "FETCH_HEAD"], Environment());

    /// <summary><c>git -C {folder} rev-parse HEAD</c>: the checked-out commit.</summary>
    public static GitInvocation RevParseHead(string folder) => new("git rev-parse", ["-C", folder, "rev-parse", "HEAD"], Environment());

    /// <summary>The header git sends with the token: <c>Authorization: Basic base64(x-access-token:{token})</c>.</summary>
    public static string AuthorizationHeader(string token) =>
        "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TokenUser}:{token}"));

    /// <summary>
    /// English messages (they are classified), no prompt and no credential helper (a refused token fails at
    /// once instead of waiting for input or being stored), nothing inherited that points elsewhere, and
    /// <paramref name="config"/> as git configuration.
    /// </summary>
    private static Dictionary<string, string?> Environment(IReadOnlyList<(string Key, string Value)>? config = null)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LC_ALL"] = "C",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GCM_INTERACTIVE"] = "never",
            ["GIT_ASKPASS"] = string.Empty,
            ["SSH_ASKPASS"] = string.Empty,
        };
        foreach (var name in Inherited)
            env[name] = null;
        List<(string Key, string Value)> entries = [.. config ?? [], ("credential.helper", string.Empty)];
        env["GIT_CONFIG_COUNT"] = entries.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < entries.Count; i++)
        {
            env[$"GIT_CONFIG_KEY_{i}"] = entries[i].Key;
            env[$"GIT_CONFIG_VALUE_{i}"] = entries[i].Value;
        }
        return env;
    }
}
