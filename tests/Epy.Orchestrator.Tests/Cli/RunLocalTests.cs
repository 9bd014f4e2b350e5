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
        using var output = new StringWriter();

        var exit = await RunCommand.RunLocalAsync(project, state, new StartRunRequest(experiment), quiet: true, output, CancellationToken.None);

        exit.ShouldBe(ExitCodes.ConfigurationError, output.ToString());
        output.ToString().ShouldNotContain("run ");
        Directory.Exists(Path.Combine(state, "bucket")).ShouldBeFalse();
    }

    [Fact]
    public async Task StateFolderInUseByAServer_ExitsWithConfigurationError_SayingSo()
    {
        await using var server = await LocalServer.StartFakeAsync();
        var state = Path.GetDirectoryName(server.Options.DatabasePath)!;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = Console.Error;

        int exit;
        Console.SetError(error);
        try
        {
            exit = await RunCommand.RunLocalAsync(server.Options.ForecastRepoDir, state, new StartRunRequest(ForecastRepo.Experiment), quiet: true, output, CancellationToken.None);
        }
        finally
        {
            Console.SetError(console);
        }

        exit.ShouldBe(ExitCodes.ConfigurationError, output.ToString());
        error.ToString().ShouldContain($"another epycloud orchestrator is using the state folder {state}");
        (await server.ListRunsAsync()).Runs.ShouldBeEmpty();
    }

    [Fact]
    public async Task NotAForecastRepository_ExitsWithConfigurationError()
    {
        using var folder = new TempFolder();
        using var output = new StringWriter();

        var exit = await RunCommand.RunLocalAsync(folder.Path, folder.Combine("state"), new StartRunRequest(ForecastRepo.Experiment), quiet: true, output, CancellationToken.None);

        exit.ShouldBe(ExitCodes.ConfigurationError);
        Directory.Exists(folder.Combine("state")).ShouldBeFalse("nothing is created for a folder that is not a forecast repository");
    }
}
