using Epy.Stages.ForecastRepo;

namespace Epy.Stages.Tests.ForecastRepo;

/// <summary>git's own messages (git 2.39, C locale, GitHub's remote lines) and what they are taken for.</summary>
public sealed class GitFailuresTests
{
    [Theory]
    [InlineData("fatal: couldn't find remote ref no-such-branch", GitFailureKind.RefNotFound)]
    [InlineData("fatal: remote error: upload-pack: not our ref 0123456789012345678901234567890123456789", GitFailureKind.RefNotFound)]
    [InlineData("error: Server does not allow request for unadvertised object 0123456789012345678901234567890123456789", GitFailureKind.RefNotFound)]
    [InlineData("remote: Repository not found.\nfatal: repository 'https://github.com/o/r.git/' not found", GitFailureKind.RepositoryNotFound)]
    [InlineData("fatal: '/tmp/nothere.git' does not appear to be a git repository\nfatal: Could not read from remote repository.", GitFailureKind.RepositoryNotFound)]
    [InlineData("fatal: could not read Username for 'https://github.com': terminal prompts disabled", GitFailureKind.AccessDenied)]
    [InlineData("remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/o/r.git/'", GitFailureKind.AccessDenied)]
    [InlineData("fatal: unable to access 'https://github.com/o/r.git/': The requested URL returned error: 403", GitFailureKind.AccessDenied)]
    [InlineData("fatal: unable to access 'https://github.com/o/r.git/': Could not resolve host: github.com", GitFailureKind.Network)]
    [InlineData("fatal: unable to access 'https://github.com/o/r.git/': Failed to connect to github.com port 443 after 130 ms: Connection refused", GitFailureKind.Network)]
    [InlineData("fatal: unable to access 'https://github.com/o/r.git/': The requested URL returned error: 502", GitFailureKind.Network)]
    [InlineData("error: RPC failed; curl 92 HTTP/2 stream 5 was not closed cleanly\nfatal: early EOF", GitFailureKind.Network)]
    [InlineData("fatal: something nobody expected", GitFailureKind.Unknown)]
    public void Classify_GitMessage_GivesItsKind(string stderr, GitFailureKind kind) =>
        GitFailures.Classify(stderr).ShouldBe(kind);
}
