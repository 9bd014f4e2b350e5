using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>A run finishes only when its job is final or confirmed gone: deadlines and failed cancels stop it first.</summary>
public sealed class StoppingTests
{
    [Fact]
    public void Decide_DeadlineWhileTheJobRuns_StopsTheJobAndFailsOnlyOnceItIsFinal()
    {
        var run = new RunBuilder().TasksRunning(10);

        run.DeadlinePassed();

        run.State.Status.ShouldBe(RunStatus.Cancelling);
        run.Commands.ShouldHaveSingleItem().ShouldBe(new CancelJob(RunBuilder.Run, RunBuilder.Runner(1)));
        run.Job(JobState.Cancelled);
        run.State.Status.ShouldBe(RunStatus.Failed);
        run.State.Failure!.ShouldContain("deadline");
        run.State.StopsAs.ShouldBeNull();
    }

    [Fact]
    public void Decide_DeadlineWhileCancelling_SendsTheCancelAgainAndKeepsWaiting()
    {
        var run = new RunBuilder().TasksRunning(10).Cancel();

        run.DeadlinePassed();

        run.State.Status.ShouldBe(RunStatus.Cancelling);
        run.Commands.ShouldHaveSingleItem().ShouldBe(new CancelJob(RunBuilder.Run, RunBuilder.Runner(1), Try: 1));
        run.Job(JobState.Cancelled).State.Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public void Decide_CancelFailedForGood_KeepsTheRunStoppingUntilTheJobEnds()
    {
        var run = new RunBuilder().TasksRunning(10).Cancel();

        run.CommandFailed($"cancel:{RunBuilder.Runner(1)}");

        run.State.Status.ShouldBe(RunStatus.Cancelling);
        run.Commands.ShouldBeEmpty();
        run.Job(JobState.Succeeded).State.Status.ShouldBe(RunStatus.Cancelled);
    }

    [Fact]
    public void Decide_JobNotFoundWhileCancelling_FinishesTheRunAndRemembersTheJobAsNotFinal()
    {
        var run = new RunBuilder().Requested().Cancel();

        run.Apply(new JobNotFound(run.NextEventId(), RunBuilder.Builder(1)));

        run.State.Status.ShouldBe(RunStatus.Cancelled);
        run.State.ActiveJob!.IsFinal.ShouldBeFalse("a job that may still appear is swept by the reconciler");
    }

    [Fact]
    public void Decide_JobNotFoundAfterItReported_FailsTheRunWithTheReason()
    {
        var run = new RunBuilder().TasksRunning(10);

        run.Apply(new JobNotFound(run.NextEventId(), RunBuilder.Runner(1)));

        run.State.Status.ShouldBe(RunStatus.Failed);
        run.State.Failure!.ShouldContain("gone from the job runner");
    }

    [Fact]
    public void Decide_LateSucceededAfterTheDeadline_ThenResume_GoesToTheOutputStage()
    {
        var run = new RunBuilder().TasksRunning(10).DeadlinePassed();

        run.Job(JobState.Succeeded);
        run.State.Status.ShouldBe(RunStatus.Failed);
        run.Resume();

        run.State.Status.ShouldBe(RunStatus.Aggregating);
        run.Commands.OfType<SubmitJob>().Single().Spec.Id.ShouldBe(RunBuilder.Output(1));
    }

    [Fact]
    public void StillApplies_QueuedSubmitAfterACancel_DoesNot()
    {
        var run = new RunBuilder().Requested();
        var submit = run.Commands.OfType<SubmitJob>().Single();
        RunMachine.StillApplies(run.State, submit).ShouldBeTrue();

        run.Cancel();

        RunMachine.StillApplies(run.State, submit).ShouldBeFalse();
        RunMachine.Superseded(run.State, [submit, .. run.Commands]).ShouldBe([submit.CommandId]);
    }

    [Fact]
    public void StillApplies_QueuedResumeSubmitAfterTheDeadline_DoesNot()
    {
        var run = new RunBuilder().TasksRunning(10).Job(JobState.Failed).Listed(3);
        var resume = run.Commands.OfType<SubmitJob>().Single();
        resume.Spec.Id.ShouldBe(RunBuilder.Runner(2));

        run.DeadlinePassed();

        RunMachine.StillApplies(run.State, resume).ShouldBeFalse();
    }

    [Fact]
    public void StillApplies_AnOlderAttemptsSubmitOrCount_DoesNot()
    {
        var run = new RunBuilder().Requested().Job(JobState.Succeeded);
        var count = run.Commands.OfType<CountInputs>().Single();
        RunMachine.StillApplies(run.State, count).ShouldBeTrue();

        run.Counted(10);

        RunMachine.StillApplies(run.State, count).ShouldBeFalse();
        RunMachine.StillApplies(run.State, run.Commands.OfType<SubmitJob>().Single()).ShouldBeTrue();
        RunMachine.StillApplies(run.State, new CancelJob(RunBuilder.Run, RunBuilder.Builder(1))).ShouldBeTrue();
    }
}
