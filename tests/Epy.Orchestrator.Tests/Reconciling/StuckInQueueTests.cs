using Epy.Contracts.Runs;
using Epy.Orchestrator.Runs;

namespace Epy.Orchestrator.Tests.Reconciling;

/// <summary>Jobs stuck in Batch's queue: why they wait is shown, and past their stage's queue timeout they are stopped (issue 18, item 4).</summary>
public sealed class StuckInQueueTests
{
    private const string Stockout = "Job is waiting: ZONE_RESOURCE_POOL_EXHAUSTED, no Spot VMs in us-central1";

    [Fact]
    public async Task WaitingJob_ItsReasonIsKept_AndShownInTheRunsView()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        await orchestration.HandleAsync(run, new Core.Events.RunRequested($"requested:{run}"));
        var builder = new JobId(Stage.Builder, run, 1);
        orchestration.Batch.Wait(builder, JobState.Queued, Stockout);

        await orchestration.ReconcileAsync();

        var stored = await orchestration.GetAsync(run);
        stored.State.ActiveJob!.WaitReason.ShouldBe(Stockout);
        var view = RunViews.From(stored, "", outputs: null);
        view.WaitReason.ShouldBe(Stockout);
        view.Jobs.Single().WaitReason.ShouldBe(Stockout);

        await orchestration.JobAsync(run, builder, JobState.Running);
        RunViews.From(await orchestration.GetAsync(run), "", outputs: null).WaitReason.ShouldBeNull();
    }

    [Fact]
    public async Task JobQueuedPastItsStagesTimeout_IsCancelled_AndTheRunFailsSayingWhy()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        await orchestration.HandleAsync(run, new Core.Events.RunRequested($"requested:{run}"));
        var builder = new JobId(Stage.Builder, run, 1);
        orchestration.Batch.Wait(builder, JobState.Queued, Stockout);
        await orchestration.ReconcileAsync();

        orchestration.Advance(TimeSpan.FromHours(2));
        orchestration.Batch.Wait(builder, JobState.Queued, Stockout);
        await orchestration.ReconcileAsync();
        orchestration.Batch.StateOf(builder).ShouldBe(JobState.Cancelled);
        await orchestration.ReconcileAsync();

        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Failed);
        stored.State.Failure.ShouldBe($"builder job {builder} queued for more than 2h (waiting: {Stockout})");
        orchestration.Batch.Calls.ShouldContain($"cancel {builder}");
    }

    [Fact]
    public async Task JobThatStartedRunning_IsNotStoppedByTheQueueTimeout()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();

        orchestration.Advance(TimeSpan.FromHours(7));
        await orchestration.ReconcileAsync();

        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.RunningTasks);
        orchestration.Batch.Calls.ShouldNotContain(call => call.StartsWith("cancel", StringComparison.Ordinal));
    }
}
