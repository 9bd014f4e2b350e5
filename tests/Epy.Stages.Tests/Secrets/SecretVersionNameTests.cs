using Epy.Google.SecretManager;

namespace Epy.Stages.Tests.Secrets;

public sealed class SecretVersionNameTests
{
    [Theory]
    [InlineData("projects/p1/secrets/github-pat/versions/3", null, "projects/p1/secrets/github-pat/versions/3")]
    [InlineData("projects/p1/secrets/github-pat", null, "projects/p1/secrets/github-pat/versions/latest")]
    [InlineData("github-pat", "p2", "projects/p2/secrets/github-pat/versions/latest")]
    [InlineData("projects/example.com:p3/secrets/s", "ignored", "projects/example.com:p3/secrets/s/versions/latest")]
    public void TryParse_FullNameOrSecretIdInTheProject_GivesTheVersionName(string text, string? project, string name)
    {
        SecretVersionName.TryParse(text, project, out var parsed, out _).ShouldBeTrue();
        parsed!.ToString().ShouldBe(name);
    }

    [Fact]
    public void TryParse_SecretIdWithoutProject_NamesGoogleCloudProject()
    {
        SecretVersionName.TryParse("github-pat", null, out _, out var reason).ShouldBeFalse();
        reason.ShouldContain("GOOGLE_CLOUD_PROJECT");
    }

    [Theory]
    [InlineData("projects/p/secrets/s/versions")]
    [InlineData("projects/p/secrets/../versions/1")]
    [InlineData("projects/p/secrets/s?x=1")]
    [InlineData("projects/p/secrets/s/versions/latest:access#")]
    [InlineData("folders/p/secrets/s")]
    public void TryParse_Other_IsRefused(string text) =>
        SecretVersionName.TryParse(text, "p", out _, out _).ShouldBeFalse();
}
