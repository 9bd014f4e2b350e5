using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Cli;

/// <summary><c>epycloud run --local</c> refuses what it cannot run with exit code 2, starting nothing.</summary>
public sealed class RunLocalTests
{
    [Theory]
    [InlineData("no-such-experiment")]
    [InlineData("../escape")]
    public async Task BadExperiment_ExitsWithConfigurationError_AndStoresNoRun(string experiment)
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");

        var result = await Epycloud.RunAsync(["run", "--local", "--exp-id", experiment, "--project-dir", project, "--state-dir", state]);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Output.ShouldNotContain("run ");
        result.Error.ShouldStartWith("epycloud: ");
        result.Error.ShouldContain("  hint: ");
        Directory.Exists(Path.Combine(state, "bucket")).ShouldBeFalse();
    }

    [Fact]
    public async Task StateFolderInUseByAServer_FailsWithAConfigurationError_SayingSo()
    {
        await using var server = await LocalServer.StartFakeAsync();
        var state = Path.GetDirectoryName(server.Options.DatabasePath)!;
        using var output = new StringWriter();

        var busy = await Should.ThrowAsync<CliException>(() => RunCommand.RunLocalAsync(server.Options.ForecastRepoDir, state, new StartRunRequest(ForecastRepo.Experiment), quiet: true, output, CancellationToken.None));

        busy.ExitCode.ShouldBe(ExitCodes.ConfigurationError, output.ToString());
        busy.Hint.ShouldNotBeNull();
        busy.Message.ShouldContain($"another epycloud orchestrator is using the state folder {state}");
        (await server.ListRunsAsync()).Runs.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotAForecastRepository_FailsWithAConfigurationError()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();

        var refused = await Should.ThrowAsync<CliException>(() => RunCommand.RunLocalAsync(folder.Path, folder.Combine("state"), new StartRunRequest(ForecastRepo.Experiment), quiet: true, output, CancellationToken.None));

        refused.ExitCode.ShouldBe(ExitCodes.ConfigurationError);
        refused.Message.ShouldContain("is not a forecast repository");
        Directory.Exists(folder.Combine("state")).ShouldBeFalse("nothing is created for a folder that is not a forecast repository");
    }

    [Fact]
    public async Task Serve_WithoutLocal_ExitsTwo_WithOneLineAndAHint()
    {
        var result = await Epycloud.RunAsync(["serve"]);

        result.ExitCode.ShouldBe(ExitCodes.ConfigurationError, result.ToString());
        result.Error.Trim().Split('\n').ShouldBe(
        [
            "epycloud: serve: only --local is available; the cloud service runs on Cloud Run",
            "  hint: epycloud serve --local, or deploy with 'epycloud terraform apply'",
        ]);
    }
}
