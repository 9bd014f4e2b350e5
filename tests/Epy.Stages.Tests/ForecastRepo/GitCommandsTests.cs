using System.Text;
using Epy.Stages.ForecastRepo;

namespace Epy.Stages.Tests.ForecastRepo;

public sealed class GitCommandsTests
{
    private static readonly GitRemote Remote = new(new Uri("https://github.com/owner/forecast.git"));

    private static Dictionary<string, string> Config(GitInvocation invocation)
    {
        var count = int.Parse(invocation.Environment["GIT_CONFIG_COUNT"]!, System.Globalization.CultureInfo.InvariantCulture);
        return Enumerable.Range(0, count).ToDictionary(i => invocation.Environment[$"GIT_CONFIG_KEY_{i}"]!, i => invocation.Environment[$"GIT_CONFIG_VALUE_{i}"]!);
    }

    [Fact]
    public void Fetch_WithToken_PutsTheAuthorizationHeaderInTheEnvironment_NeverInTheArguments()
    {
        const string token = "ghp_secret123";

        var fetch = GitCommands.Fetch("/tmp/repo", Remote, "main", token);

        fetch.Arguments.ShouldBe(["-C", "/tmp/repo", "fetch", "--quiet", "--depth", "1", "--no-tags", "origin", "main"]);
        fetch.Arguments.ShouldAllBe(a => !a.Contains(token, StringComparison.Ordinal) && !a.Contains("Authorization", StringComparison.Ordinal));
        fetch.Environment["GIT_CONFIG_KEY_0"].ShouldBe("http.https://github.com/.extraHeader");
        fetch.Environment["GIT_CONFIG_VALUE_0"].ShouldBe("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token)));
        Config(fetch)["credential.helper"].ShouldBeEmpty();
    }

    [Fact]
    public void Fetch_WithoutToken_SendsNoHeader_AndNeitherPromptsNorAsksAHelper()
    {
        var fetch = GitCommands.Fetch("/tmp/repo", Remote, GitCommands.DefaultRef, token: null);

        Config(fetch).Keys.ShouldBe(["credential.helper"]);
        fetch.Arguments[^1].ShouldBe("HEAD");
        fetch.Environment["GIT_TERMINAL_PROMPT"].ShouldBe("0");
        fetch.Environment["GIT_ASKPASS"].ShouldBeEmpty();
        fetch.Environment["LC_ALL"].ShouldBe("C");
        fetch.Environment.ShouldContainKey("GIT_DIR");
        fetch.Environment["GIT_DIR"].ShouldBeNull();
    }

    [Fact]
    public void OtherSteps_NeverCarryTheToken()
    {
        foreach (var step in new[] { GitCommands.Init("/tmp/repo"), GitCommands.AddRemote("/tmp/repo", Remote), GitCommands.Checkout("/tmp/repo"), GitCommands.RevParseHead("/tmp/repo") })
            Config(step).Keys.Single().ShouldBe("credential.helper", step.Name);
    }

    [Theory]
    [InlineData("main")]
    [InlineData("release/2025-26")]
    [InlineData("v1.2.0")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public void IsValidRef_BranchTagOrSha_IsAccepted(string gitRef) =>
        GitCommands.IsValidRef(gitRef, out _).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("--upload-pack=evil")]
    [InlineData("main:refs/heads/x")]
    [InlineData("main branch")]
    [InlineData("HEAD~1")]
    [InlineData("a..b")]
    [InlineData("main@{1}")]
    public void IsValidRef_OptionsRefspecsAndRevisionSyntax_AreRefused(string gitRef)
    {
        GitCommands.IsValidRef(gitRef, out var reason).ShouldBeFalse();
        reason.ShouldNotBeEmpty();
    }
}
