using System.Net;
using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Google.Auth;
using Epy.Contracts.Runs;
using Epy.Stages.ForecastRepo;
using Epy.Stages.Pipeline;
using Epy.Google.SecretManager;
using Epy.Stages.Storage;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.ForecastRepo;

/// <summary>
/// The builder without <c>FORECAST_REPO_DIR</c>: a shallow clone of <c>GITHUB_FORECAST_REPO</c> (a local bare repository
/// through a file URL, or a git smart-HTTP server with basic auth) at <c>FORECAST_REPO_REF</c>, the token read from a
/// fake Secret Manager; git is the real executable.
/// </summary>
public sealed class ForecastRepoCloneTests : IDisposable
{
    private readonly ExampleRun _run = new();
    private readonly BareForecastRepo _remote;
    private readonly HttpClient _http = new();

    public ForecastRepoCloneTests()
    {
        _remote = new BareForecastRepo(_run.Repo, ExampleRun.ExpId);
        _run.Unset("FORECAST_REPO_DIR");
        _run.Set("GITHUB_FORECAST_REPO", _remote.FileUrl);
    }

    public void Dispose()
    {
        _http.Dispose();
        _remote.Dispose();
        _run.Dispose();
    }

    private BuildManifest Manifest() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "builder-artifacts", "manifest.json")), PipelineJsonContext.Default.BuildManifest)!;

    private string CopiedOutputConfig() => File.ReadAllText(Path.Combine(_run.RunFolder, "config", "output.yaml"));

    private void UseSecretManager(FakeSecretManager secrets, int retries = 3) =>
        _run.Services = new StageServices
        {
            SecretManager = () => new SecretManagerClient(_http, new StaticAccessToken(FakeSecretManager.AccessToken),
                new SecretManagerOptions { BaseUri = secrets.BaseUri, Resilience = new("Secret Manager") { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(1) } }),
        };

    /// <summary>Every file the run wrote, as text, to look for what must not be there.</summary>
    private string EverythingWritten() => Directory.Exists(_run.Artifacts)
        ? string.Concat(Directory.EnumerateFiles(_run.Artifacts, "*", SearchOption.AllDirectories).Select(File.ReadAllText))
        : string.Empty;

    [Theory]
    [InlineData("main", false)]
    [InlineData("v1", true)]
    [InlineData("tagged-sha", true)]
    [InlineData(null, false)]
    public void Builder_ClonesTheBranchTagOrCommit_AndRecordsTheCommit(string? gitRef, bool tagged)
    {
        var asked = gitRef == "tagged-sha" ? _remote.TaggedCommit : gitRef;
        if (asked is not null)
            _run.Set("FORECAST_REPO_REF", asked);

        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());

        var commit = tagged ? _remote.TaggedCommit : _remote.HeadCommit;
        Manifest().ForecastRepo.ShouldBe(new ForecastRepoSource(_remote.FileUrl, asked, commit));
        CopiedOutputConfig().Contains(BareForecastRepo.SecondCommitMarker, StringComparison.Ordinal).ShouldBe(!tagged);
        File.ReadAllText(Path.Combine(_run.RunFolder, "summaries", "builder.txt")).ShouldContain($"commit {commit}");
        _run.Log.ToString().ShouldContain($"cloned {_remote.FileUrl}");
    }

    [Theory]
    [InlineData("no-such-branch")]
    [InlineData("0123456789012345678901234567890123456789")]
    public void Builder_RefNotInTheRepository_ExitsThree_NamingIt_AndWritesNothing(string gitRef)
    {
        _run.Set("FORECAST_REPO_REF", gitRef);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain($"bad input: FORECAST_REPO_REF: '{gitRef}' is not a branch, tag or commit of {_remote.FileUrl}");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_RepositoryThatDoesNotExist_ExitsThree()
    {
        _run.Set("GITHUB_FORECAST_REPO", new Uri(Path.Combine(_remote.Root, "nothere.git")).AbsoluteUri);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("nothere.git was not found");
    }

    [Fact]
    public void Builder_NeitherFolderNorRemote_ExitsThree_NamingBoth()
    {
        _run.Unset("GITHUB_FORECAST_REPO");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("FORECAST_REPO_DIR or GITHUB_FORECAST_REPO is not set");
    }

    [Fact]
    public void Builder_AfterAClone_RunnerAndOutputUseOnlyTheStoredInputs_AndTheMetadataRecordsTheCommit()
    {
        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());
        // The runners and the output stage get no repository setting at all.
        _run.Unset("GITHUB_FORECAST_REPO");

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.Success, _run.Log.ToString());
        _run.Stage("runner", 1).ShouldBe(StageExitCodes.Success, _run.Log.ToString());
        _run.Stage("output").ShouldBe(StageExitCodes.Success, _run.Log.ToString());

        var metadata = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "run_metadata.json")), PipelineJsonContext.Default.RunMetadata)!;
        metadata.ForecastRepo.ShouldBe(new ForecastRepoSource(_remote.FileUrl, null, _remote.HeadCommit));
    }

    [Fact]
    public void Builder_TokenFromSecretManager_ReachesTheGitServer_AfterA503_AndIsNeverPrintedOrStored()
    {
        var token = "ghp_" + Guid.NewGuid().ToString("N");
        using var secrets = new FakeSecretManager();
        secrets.Add("test-project", "github-pat", token + "\n");
        secrets.FailNext(1, HttpStatusCode.ServiceUnavailable);
        using var git = new FakeGitHttpServer(_remote.Root, token);
        var url = new Uri(git.BaseUri, BareForecastRepo.Name).AbsoluteUri;
        _run.Set("GITHUB_FORECAST_REPO", url);
        _run.Set("GITHUB_PAT_SECRET", "github-pat");
        _run.Set("GOOGLE_CLOUD_PROJECT", "test-project");
        UseSecretManager(secrets);

        _run.Stage("builder").ShouldBe(StageExitCodes.Success, _run.Log.ToString());

        secrets.Requests.Count.ShouldBe(2);
        git.AuthorizedRequests.ShouldBeGreaterThan(0);
        git.RefusedRequests.ShouldBe(0);
        Manifest().ForecastRepo.ShouldBe(new ForecastRepoSource(url, null, _remote.HeadCommit));
        _run.Log.ToString().ShouldNotContain(token);
        EverythingWritten().ShouldNotContain(token);
    }

    [Fact]
    public void Builder_TokenTheServerRefuses_ExitsThree_WithoutPrintingIt()
    {
        var wrong = "ghp_wrong" + Guid.NewGuid().ToString("N");
        using var secrets = new FakeSecretManager();
        secrets.Add("test-project", "github-pat", wrong);
        using var git = new FakeGitHttpServer(_remote.Root, "ghp_the_right_one");
        _run.Set("GITHUB_FORECAST_REPO", new Uri(git.BaseUri, BareForecastRepo.Name).AbsoluteUri);
        _run.Set("GITHUB_PAT_SECRET", "projects/test-project/secrets/github-pat");
        UseSecretManager(secrets);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        git.RefusedRequests.ShouldBeGreaterThan(0);
        _run.Log.ToString().ShouldContain("refused access (check the token GITHUB_PAT_SECRET names)");
        _run.Log.ToString().ShouldNotContain(wrong);
        _run.Log.ToString().ShouldNotContain(GitCommands.AuthorizationHeader(wrong)["Authorization: Basic ".Length..]);
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Builder_NoTokenForAServerThatWantsOne_ExitsThree_SayingSo()
    {
        using var git = new FakeGitHttpServer(_remote.Root, "ghp_the_right_one");
        _run.Set("GITHUB_FORECAST_REPO", new Uri(git.BaseUri, BareForecastRepo.Name).AbsoluteUri);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("refused access (no GITHUB_PAT_SECRET is set)");
    }

    [Fact]
    public void Builder_SecretThatDoesNotExist_ExitsThree()
    {
        using var secrets = new FakeSecretManager();
        _run.Set("GITHUB_PAT_SECRET", "projects/test-project/secrets/missing");
        UseSecretManager(secrets);

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("GITHUB_PAT_SECRET: Secret Manager access of 'projects/test-project/secrets/missing/versions/latest' failed: 404");
    }

    [Fact]
    public void Builder_SecretManagerUnavailable_ExitsFour()
    {
        using var secrets = new FakeSecretManager();
        secrets.Add("test-project", "github-pat", "ghp_abc");
        secrets.FailNext(10, HttpStatusCode.ServiceUnavailable);
        _run.Set("GITHUB_PAT_SECRET", "projects/test-project/secrets/github-pat");
        UseSecretManager(secrets, retries: 1);

        _run.Stage("builder").ShouldBe(StageExitCodes.Transient);

        secrets.Requests.Count.ShouldBe(2);
        _run.Log.ToString().ShouldContain("transient failure: GITHUB_PAT_SECRET");
    }

    [Fact]
    public async Task Clone_Disposed_DeletesItsFolder()
    {
        GitRemote.TryParse(_remote.FileUrl, out var remote, out _).ShouldBeTrue();

        var clone = await ForecastRepoCheckout.CloneAsync(remote!, "v1", token: null, new GitOptions(), TimeProvider.System);
        var root = clone.Root;
        File.Exists(Path.Combine(root, "experiments", ExampleRun.ExpId, "config", "basemodel.yml")).ShouldBeTrue();
        clone.Dispose();

        Directory.Exists(Path.GetDirectoryName(root)).ShouldBeFalse();
    }

    [Fact]
    public async Task Clone_PastItsTimeLimit_IsTransient()
    {
        GitRemote.TryParse(_remote.FileUrl, out var remote, out _).ShouldBeTrue();

        var error = await Should.ThrowAsync<StageException>(() =>
            ForecastRepoCheckout.CloneAsync(remote!, null, token: null, new GitOptions { Timeout = TimeSpan.Zero }, TimeProvider.System));

        error.ExitCode.ShouldBe(StageExitCodes.Transient);
        error.Message.ShouldContain("took longer than");
    }

    [Fact]
    public void Builder_WithoutGit_ExitsThree_SayingItNeedsGit()
    {
        _run.Services = new StageServices { Git = new GitOptions { Executable = Path.Combine(_run.Root, "no-git-here") } };

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("the builder needs git to clone GITHUB_FORECAST_REPO");
    }
}
