using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;

namespace Epy.Orchestrator.Tests.Reconciling;

/// <summary>Decisions on the job's real state, not on what the orchestrator last heard (issue 18, items 3 and 4).</summary>
public sealed class RealStateTests
{
    [Fact]
    public async Task JobSucceededJustBeforeTheDeadline_NotificationLost_TheRunGoesOn()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();
        orchestration.Batch.Set(new JobId(Stage.Runner, run, 1), JobState.Succeeded);

        orchestration.Advance(TimeSpan.FromDays(3));
        await orchestration.ReconcileAsync();

        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Aggregating);
        orchestration.Batch.Created.ShouldContain(new JobId(Stage.Output, run, 1));
    }

    [Fact]
    public async Task LateSucceededAfterTheDeadline_ThenResume_RunsTheOutputStageNotTheTasksAgain()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();
        var runner = new JobId(Stage.Runner, run, 1);
        orchestration.Batch.IgnoringCancel.Add(runner);
        orchestration.Advance(TimeSpan.FromDays(3));
        await orchestration.ReconcileAsync();

        await orchestration.JobAsync(run, runner, JobState.Succeeded);
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Failed);
        await orchestration.HandleAsync(run, new ResumeRequested("resume-1"));

        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Aggregating);
        orchestration.Batch.Created.ShouldNotContain(new JobId(Stage.Runner, run, 2));
    }

    [Fact]
    public async Task JobDeletedBehindTheOrchestratorsBack_TheRunFailsWithTheReason()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();

        orchestration.Batch.Delete(new JobId(Stage.Runner, run, 1));
        await orchestration.ReconcileAsync();

        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Failed);
        stored.State.Failure!.ShouldContain("gone from the job runner");
    }

    [Fact]
    public async Task QueuedSubmitNotYetCarriedOut_IsNotTakenForADeletedJob()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        orchestration.Batch.FailSubmits(1000);
        await orchestration.HandleAsync(run, new RunRequested($"requested:{run}"));

        await orchestration.ReconcileAsync();

        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.BuildingInputs);
    }
}
