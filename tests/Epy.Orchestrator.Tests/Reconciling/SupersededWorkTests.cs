using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;

namespace Epy.Orchestrator.Tests.Reconciling;

/// <summary>Work a later decision superseded never runs, and a run's job never outlives it (issue 18, items 1 and 2).</summary>
public sealed class SupersededWorkTests
{
    [Fact]
    public async Task CancelOvertakesASubmitLeftByA503_TheReconcilerNeverCreatesTheJob()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        orchestration.Batch.FailSubmits(100);
        await orchestration.HandleAsync(run, new RunRequested($"requested:{run}"));
        (await orchestration.GetAsync(run)).Outbox.ShouldHaveSingleItem().Command.CommandId.ShouldStartWith("submit:");

        await orchestration.HandleAsync(run, new CancelRequested("cancel-1", "test"));
        orchestration.Batch.FailSubmits(0);
        await orchestration.ReconcileAsync();

        orchestration.Batch.Created.ShouldBeEmpty();
        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Cancelled);
        stored.Outbox.ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelDuringTheSubmitsOwnRetries_TheNextRetryDoesNotCreateTheJob()
    {
        // Found by the fault-injection suite: the start was still retrying the builder's submit when the cancel
        // committed; Batch answered again, and the retry created the job of a cancelled run.
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        orchestration.Batch.FailSubmits(1);
        orchestration.Batch.BeforeRefusingSubmit = async () =>
        {
            orchestration.Batch.BeforeRefusingSubmit = null;
            await orchestration.HandleAsync(run, new CancelRequested("cancel-1", "test"));
        };

        await orchestration.HandleAsync(run, new RunRequested($"requested:{run}"));

        orchestration.Batch.Created.ShouldBeEmpty();
        orchestration.Batch.Calls.Count(call => call.StartsWith("submit", StringComparison.Ordinal)).ShouldBe(1);
        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Cancelled);
        stored.Outbox.ShouldBeEmpty();
    }

    [Fact]
    public async Task DeadlineDuringAStuckAutomaticResume_TheResumedJobIsNeverCreated()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();
        orchestration.Batch.FailSubmits(100);
        await orchestration.JobAsync(run, new JobId(Stage.Runner, run, 1), JobState.Failed);
        var resumed = new JobId(Stage.Runner, run, 2);
        (await orchestration.GetAsync(run)).Outbox.ShouldContain(entry => entry.Command.CommandId == $"submit:{resumed}");

        orchestration.Advance(TimeSpan.FromDays(3));
        orchestration.Batch.FailSubmits(0);
        await orchestration.ReconcileAsync();
        await orchestration.ReconcileAsync();

        orchestration.Batch.Created.ShouldNotContain(resumed);
        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Failed);
        stored.State.Failure!.ShouldContain("deadline");
        stored.Outbox.ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelWhileTheSubmitIsInFlight_TheJobItCreatedIsCancelledAtOnce()
    {
        // Found by the fault-injection suite (cloud mode): Batch's own HTTP retries of the create outlasted the
        // cancel, and the job of a cancelled run was created and ran to its end before any sweep.
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        orchestration.Batch.BeforeCreating = async () =>
        {
            orchestration.Batch.BeforeCreating = null;
            await orchestration.HandleAsync(run, new CancelRequested("cancel-1", "test"));
        };

        await orchestration.HandleAsync(run, new RunRequested($"requested:{run}"));

        var builder = new JobId(Stage.Builder, run, 1);
        orchestration.Batch.StateOf(builder).ShouldBe(JobState.Cancelled);
        var stored = await orchestration.GetAsync(run);
        stored.State.Status.ShouldBe(RunStatus.Cancelled);
        stored.Outbox.ShouldBeEmpty();
    }

    [Fact]
    public async Task SubmitLandingAfterTheCancelFoundNoJob_TheSweepCancelsIt()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        orchestration.Batch.FailSubmits(100);
        await orchestration.HandleAsync(run, new RunRequested($"requested:{run}"));
        await orchestration.HandleAsync(run, new CancelRequested("cancel-1", "test"));
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Cancelled);

        // A submit whose answer was lost creates the job after all.
        var builder = new JobId(Stage.Builder, run, 1);
        orchestration.Batch.Set(builder, JobState.Running);
        var report = await orchestration.ReconcileAsync();

        report.Swept.ShouldBe(1);
        orchestration.Batch.StateOf(builder).ShouldBe(JobState.Cancelled);
    }

    [Fact]
    public async Task DeadlineWhileTheJobRuns_TheRunFailsOnlyOnceTheJobIsStopped()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.RunningTasksAsync();
        var runner = new JobId(Stage.Runner, run, 1);
        orchestration.Batch.IgnoringCancel.Add(runner);

        orchestration.Advance(TimeSpan.FromDays(3));
        await orchestration.ReconcileAsync();

        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Cancelling);
        orchestration.Batch.Calls.ShouldContain($"cancel {runner}");
        orchestration.Batch.IgnoringCancel.Clear();
        await orchestration.Batch.CancelAsync(runner, default);
        await orchestration.ReconcileAsync();
        (await orchestration.GetAsync(run)).State.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public async Task RedrivenSubmit_IsTriedOncePerPass()
    {
        using var orchestration = new Orchestration();
        var run = await orchestration.CreateAsync();
        orchestration.Batch.FailSubmits(1000);
        await orchestration.HandleAsync(run, new RunRequested($"requested:{run}"));
        var before = orchestration.Batch.Calls.Count(call => call.StartsWith("submit ", StringComparison.Ordinal));

        await orchestration.ReconcileAsync();

        orchestration.Batch.Calls.Count(call => call.StartsWith("submit ", StringComparison.Ordinal)).ShouldBe(before + 1);
    }
}
