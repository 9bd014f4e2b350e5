using Epy.Cli;
using Epy.Contracts.Runs;
using Epy.Testing.Fixtures;

namespace Epy.Cli.Tests;

/// <summary>Image tags, digests and git refs are checked before they reach a Batch job: by the CLI as by the API.</summary>
public sealed class ImageAndGitRefTests : IDisposable
{
    private readonly TempFolder _config = new();

    public void Dispose() => _config.Dispose();

    [Theory]
    [InlineData("latest")]
    [InlineData("v1.2.0")]
    [InlineData("2026-11-24_build.7")]
    [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void ImageTag_TagsAndDigests_AreAccepted(string tag) => ImageAndGitRefs.ImageTagProblem(tag).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-flag")]
    [InlineData("a b")]
    [InlineData("v1\nFOO=bar")]
    [InlineData("x:y")]
    [InlineData("sha256:ABC")]
    public void ImageTag_Others_AreRefused(string tag) => ImageAndGitRefs.ImageTagProblem(tag).ShouldNotBeNull();

    [Theory]
    [InlineData("main")]
    [InlineData("release/2026.11")]
    [InlineData("v1.2.0")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    public void GitRef_BranchesTagsAndCommits_AreAccepted(string reference) => ImageAndGitRefs.GitRefProblem(reference).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData("--upload-pack=x")]
    [InlineData("../main")]
    [InlineData("a..b")]
    [InlineData("a//b")]
    [InlineData("main/")]
    [InlineData("main.lock")]
    [InlineData("main;rm")]
    [InlineData("ma in")]
    [InlineData("main@{1}")]
    public void GitRef_Others_AreRefused(string reference) => ImageAndGitRefs.GitRefProblem(reference).ShouldNotBeNull();

    [Theory]
    [InlineData("--image-tag", "latest;rm", "--image-tag: 'latest;rm' is not an image tag")]
    [InlineData("--forecast-repo-ref", "--upload-pack=x", "--forecast-repo-ref: '--upload-pack=x' is not a git branch")]
    public async Task Run_BadTagOrRef_IsRefusedByTheCli_BeforeAnyRequest(string option, string value, string message)
    {
        File.WriteAllText(_config.Combine("config.yaml"), "orchestrator: { url: https://epy.example.run.app }\n");

        var run = await Epycloud.RunAsync(["run", "--exp-id", "flu", $"{option}={value}", "--dry-run", "--config", _config.Path]);

        run.ExitCode.ShouldBe(ExitCodes.ConfigurationError, run.ToString());
        run.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Validate_BadDefaultImageTag_IsAnError()
    {
        File.WriteAllText(_config.Combine("config.yaml"), "defaults: { image_tag: \"v1 && curl evil\" }\n");

        var validate = await Epycloud.RunAsync(["config", "validate", "--config", _config.Path]);

        validate.ExitCode.ShouldBe(ExitCodes.ConfigurationError, validate.ToString());
        validate.Output.ShouldContain("error: defaults.image_tag: 'v1 && curl evil' is not an image tag");
    }
}
