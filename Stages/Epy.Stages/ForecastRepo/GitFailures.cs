namespace Epy.Stages.ForecastRepo;

/// <summary>Reads git's error messages (in the C locale) into a <see cref="GitFailureKind"/>.</summary>
public static class GitFailures
{
    // First match wins: a missing ref or refused access also mention "not found" or a failed request.
    private static readonly (GitFailureKind Kind, string[] Phrases)[] Table =
    [
        (GitFailureKind.RefNotFound, ["couldn't find remote ref", "not our ref", "unadvertised object", "no such ref"]),
        (GitFailureKind.AccessDenied, [
            "authentication failed", "could not read username", "could not read password", "terminal prompts disabled",
            "invalid username or password", "returned error: 401", "returned error: 403", "permission denied", "access denied",
            "write access to repository not granted"]),
        (GitFailureKind.RepositoryNotFound, ["repository not found", "returned error: 404", "does not appear to be a git repository", "not found"]),
        (GitFailureKind.Network, [
            "could not resolve host", "could not resolve proxy", "failed to connect", "connection refused", "connection reset", "connection timed out",
            "timed out", "operation too slow", "network is unreachable", "early eof", "rpc failed", "unexpected disconnect",
            "remote end hung up", "returned error: 5", "returned error: 429", "ssl", "tls", "gnutls", "http/2 stream"]),
    ];

    /// <summary>The kind of failure <paramref name="stderr"/> describes.</summary>
    public static GitFailureKind Classify(string stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        foreach (var (kind, phrases) in Table)
        {
            if (phrases.Any(p => stderr.Contains(p, StringComparison.OrdinalIgnoreCase)))
                return kind;
        }
        return GitFailureKind.Unknown;
    }
}
