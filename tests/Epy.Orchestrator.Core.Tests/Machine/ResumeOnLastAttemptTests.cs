using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>A resume decides on what the host read of the last attempt: its job's real state and the results that exist.</summary>
public sealed class ResumeOnLastAttemptTests
{
    private static readonly RunPolicy NoAutoResume = RunPolicy.Default with { AutoResumes = 0 };

    [Fact]
    public void Decide_ResumeKnowingTheResults_RunsOnlyTheTasksWithoutOne()
    {
        var run = new RunBuilder().TasksRunning(10).Cancel().Job(JobState.Cancelled);

        run.Apply(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Runner(1), true, JobState.Cancelled, new ValueList<int>([0, 1, 2, 4, 5, 6, 8, 9]))));

        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.Id.ShouldBe(RunBuilder.Runner(2));
        spec.TaskIndices.ShouldBe([3, 7]);
        run.State.Status.ShouldBe(RunStatus.RunningTasks);
    }

    [Fact]
    public void Decide_ResumeWithEveryResultPresent_SubmitsTheOutputStageOnFullResults()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed).Listed(2);

        run.Apply(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Runner(1), true, JobState.Failed, new ValueList<int>([0, 1, 2, 3]))));

        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.Stage.ShouldBe(Stage.Output);
        spec.AllowPartialResults.ShouldBeFalse();
        run.State.FailedTasks.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(JobState.Queued)]
    [InlineData(JobState.Scheduled)]
    [InlineData(JobState.Running)]
    public void Decide_ResumeWhileTheLastJobIsNotFinal_IsRejected(JobState real)
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed).Listed(2);

        var decision = run.Decide(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Runner(1), true, real, null)));

        decision.Outcome.ShouldBe(Outcome.Rejected);
        decision.Reason.ShouldBe(Reason.LastAttemptStillRuns);
        decision.State.ShouldBeSameAs(run.State);
    }

    [Fact]
    public void Decide_ResumeWhenTheJobRunnerCouldNotBeRead_IsRejected()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed).Listed(2);

        var decision = run.Decide(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Runner(1), false, null, null)));

        decision.Reason.ShouldBe(Reason.LastAttemptUnknown);
    }

    [Fact]
    public void Decide_ResumeReadingAnotherJob_DecidesOnTheStoredStateAlone()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed).Listed(2);

        run.Apply(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Builder(1), true, JobState.Running, new ValueList<int>([]))));

        run.Commands.OfType<SubmitJob>().Single().Spec.TaskIndices.ShouldBe([2]);
    }

    [Fact]
    public void Decide_ResumeWhenTheJobIsGoneFromTheRunner_GoesOn()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed).Listed(2);

        run.Apply(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Runner(1), true, null, new ValueList<int>([0, 1, 3]))));

        run.Commands.OfType<SubmitJob>().Single().Spec.TaskIndices.ShouldBe([2]);
    }

    [Fact]
    public void Decide_ResumeWhenTheRunnerReportsALateSuccess_SubmitsTheOutputStage()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).DeadlinePassed().Job(JobState.Cancelled);

        run.Apply(new ResumeRequested(run.NextEventId(), new LastAttempt(RunBuilder.Runner(1), true, JobState.Succeeded, null)));

        run.Commands.OfType<SubmitJob>().Single().Spec.Stage.ShouldBe(Stage.Output);
    }
}
