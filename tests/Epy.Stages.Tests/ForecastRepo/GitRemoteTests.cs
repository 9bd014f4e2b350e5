using Epy.Stages.ForecastRepo;

namespace Epy.Stages.Tests.ForecastRepo;

public sealed class GitRemoteTests
{
    [Theory]
    [InlineData("owner/forecast", "https://github.com/owner/forecast.git")]
    [InlineData("my-org/flu.forecast.git", "https://github.com/my-org/flu.forecast.git")]
    [InlineData("https://gitlab.example.org/group/forecast.git", "https://gitlab.example.org/group/forecast.git")]
    [InlineData("file:///tmp/forecast.git", "file:///tmp/forecast.git")]
    public void TryParse_OwnerRepoOrUrl_GivesTheUrlGitFetches(string text, string url)
    {
        GitRemote.TryParse(text, out var remote, out _).ShouldBeTrue();
        remote!.ToString().ShouldBe(url);
    }

    [Theory]
    [InlineData("https://user:ghp_secret@github.com/owner/forecast.git", "credentials")]
    [InlineData("ssh://git@github.com/owner/forecast.git", "not an https, http or file URL")]
    [InlineData("owner", "not owner/repo")]
    [InlineData("owner/repo/extra", "not owner/repo")]
    [InlineData("-owner/repo", "not owner/repo")]
    [InlineData("owner/..", "not owner/repo")]
    public void TryParse_Other_IsRefusedWithAReason(string text, string reason)
    {
        GitRemote.TryParse(text, out _, out var why).ShouldBeFalse();
        why.ShouldContain(reason);
        if (text.Contains("ghp_secret", StringComparison.Ordinal))
            why.ShouldNotContain("ghp_secret");
    }
}
