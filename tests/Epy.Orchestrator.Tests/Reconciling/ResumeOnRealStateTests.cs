using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Machine;

namespace Epy.Orchestrator.Tests.Reconciling;

/// <summary>A resume reads the last attempt first: its job's real state and which task results exist (issue 18, item 3).</summary>
public sealed class ResumeOnRealStateTests
{
    [Fact]
    public async Task Resume_AfterSomeTasksWroteTheirResults_RunsOnlyTheTasksWithoutOne()
    {
        using var orchestration = new Orchestration();
        var run = await CancelledWhileTasksRanAsync(orchestration);
        orchestration.Artifacts.Results = [0, 2];

        var resumed = await orchestration.Service.ResumeAsync(run, default);

        resumed.Decision!.Outcome.ShouldBe(Outcome.Applied);
        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.RunningTasks);
        stored.State.ActiveJob!.Id.ShouldBe(new JobId(Stage.Runner, run, 2));
        stored.State.ActiveJob.TaskIndices.ShouldBe([1, 3]);
        orchestration.Batch.Created.ShouldContain(new JobId(Stage.Runner, run, 2));
        stored.State.History[^1].What.ShouldContain("2 of 4 tasks have no result");
    }

    [Fact]
    public async Task Resume_WhenEveryTaskHasItsResult_RunsTheOutputStageNotTheTasks()
    {
        using var orchestration = new Orchestration();
        var run = await CancelledWhileTasksRanAsync(orchestration);
        orchestration.Artifacts.Results = [0, 1, 2, 3];

        await orchestration.Service.ResumeAsync(run, default);

        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Aggregating);
        orchestration.Batch.Created.ShouldContain(new JobId(Stage.Output, run, 1));
        orchestration.Batch.Created.ShouldNotContain(new JobId(Stage.Runner, run, 2));
    }

    [Fact]
    public async Task Resume_WhileTheLastAttemptsJobStillRuns_IsRefused_AndNothingIsSubmitted()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();
        var runner = new JobId(Stage.Runner, run, 1);
        orchestration.Batch.Delete(runner);
        await orchestration.ReconcileAsync();
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Failed);
        // The job was not gone after all (a late submit, a listing that missed it): it runs.
        orchestration.Batch.Set(runner, JobState.Running);

        var refused = await orchestration.Service.ResumeAsync(run, default);

        refused.Decision!.Outcome.ShouldBe(Outcome.Rejected);
        refused.Decision.Reason.ShouldBe(Reason.LastAttemptStillRuns);
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Failed);
        orchestration.Batch.Created.ShouldNotContain(new JobId(Stage.Runner, run, 2));
    }

    [Fact]
    public async Task Resume_WhenTheJobRunnerDoesNotAnswer_IsRefusedAsUnknown()
    {
        using var orchestration = new Orchestration();
        var run = await CancelledWhileTasksRanAsync(orchestration);
        orchestration.Batch.FailGets = true;

        var refused = await orchestration.Service.ResumeAsync(run, default);

        refused.Decision!.Reason.ShouldBe(Reason.LastAttemptUnknown);
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public async Task Resume_WhenResultsCannotBeListed_RunsTheLastAttemptsTasksAgain()
    {
        using var orchestration = new Orchestration();
        var run = await CancelledWhileTasksRanAsync(orchestration);
        orchestration.Artifacts.ResultsUnreadable = true;

        await orchestration.Service.ResumeAsync(run, default);

        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.RunningTasks);
        stored.State.ActiveJob!.TaskCount.ShouldBe(Orchestration.Tasks);
    }

    /// <summary>A run cancelled while runner attempt 1 ran, its job CANCELLED.</summary>
    private static async Task<RunId> CancelledWhileTasksRanAsync(Orchestration orchestration)
    {
        var run = await orchestration.RunningTasksAsync();
        await orchestration.Service.CancelAsync(run, "test", default);
        await orchestration.JobAsync(run, new JobId(Stage.Runner, run, 1), JobState.Cancelled);
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Cancelled);
        return run;
    }
}
