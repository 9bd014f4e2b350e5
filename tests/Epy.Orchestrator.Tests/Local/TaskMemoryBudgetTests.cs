using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Testing.Fixtures;

namespace Epy.Orchestrator.Tests.Local;

/// <summary>
/// The builder checks its tasks' memory estimate against the memory a runner task will have (issue 19): locally
/// the orchestrator passes the run's Stage B <c>memory_mib</c> as <c>TASK_MEMORY_BUDGET_MIB</c> to the builder and
/// the runner, as it does on Batch.
/// </summary>
public sealed class TaskMemoryBudgetTests
{
    [Fact]
    public async Task LocalRun_TellsTheBuilderAndTheRunner_TheRunnersMemory()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, StageB: new StageOverrides(MemoryMib: 6144)));

        await server.WaitForEndAsync(run.RunId, "SUCCEEDED", seconds: 30);

        var starts = server.Fake!.Calls().Where(call => call.Event == "start").ToList();
        starts.Single(call => call.Stage == "builder").Value("memory_budget").ShouldBe("6144");
        starts.Where(call => call.Stage == "runner").Select(call => call.Value("memory_budget")).ShouldBe(["6144", "6144"]);
        starts.Single(call => call.Stage == "output").Value("memory_budget").ShouldBe("");
    }

    [Fact]
    public void Environment_WithABudget_NamesIt_AndWithoutOne_LeavesTheStagesDefault()
    {
        var options = new LocalModeOptions
        {
            DatabasePath = "/tmp/epy/state.db", BucketRoot = "/tmp/epy/bucket", ForecastRepoDir = "/tmp/epy/repo", LogsRoot = "/tmp/epy/logs", StageCommand = ["epy-stage"],
        };
        var job = new JobId(Stage.Builder, RunId.Parse("20261124-101500-a1b2c3d4"), 1);
        var experiment = ExperimentId.Parse("flu");

        LocalTaskEnvironment.Of(options, experiment, job, 0, 0, 0, false, taskMemoryBudgetMib: 8192)["TASK_MEMORY_BUDGET_MIB"].ShouldBe("8192");
        LocalTaskEnvironment.Of(options, experiment, job, 0, 0, 0, false).ShouldNotContainKey("TASK_MEMORY_BUDGET_MIB");
    }
}
