using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

public sealed class ResumeTests
{
    private static readonly RunPolicy NoAutoResume = RunPolicy.Default with { AutoResumes = 0 };

    [Fact]
    public void Decide_FailuresBeyondTolerance_AutoResumeRunsOnlyTheFailedTasks()
    {
        var run = new RunBuilder().TasksRunning(10).Job(JobState.Failed);

        run.Listed(2, 7);

        run.State.Status.ShouldBe(RunStatus.RunningTasks);
        run.State.AutoResumesUsed.ShouldBe(1);
        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.Id.ShouldBe(RunBuilder.Runner(2));
        spec.TaskCount.ShouldBe(2);
        spec.TaskIndices.ShouldBe([2, 7]);
        spec.RunTaskCount.ShouldBe(10);
        spec.AllowPartialResults.ShouldBeFalse();
    }

    [Fact]
    public void Decide_SecondResume_MapsTheResumedJobsTaskIndicesBackToTheRunsTasks()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(10).Job(JobState.Failed).Listed(2, 5, 7);
        run.State.Status.ShouldBe(RunStatus.Failed);
        run.State.FailedTasks.Select(task => task.Index).ShouldBe([2, 5, 7]);

        run.Resume();
        run.Commands.OfType<SubmitJob>().Single().Spec.TaskIndices.ShouldBe([2, 5, 7]);
        // Runner attempt 2 runs the run's tasks 2, 5 and 7 as its tasks 0, 1 and 2; its task 1 fails.
        run.Job(JobState.Failed).Listed(1);
        run.State.Status.ShouldBe(RunStatus.Failed);
        run.State.FailedTasks.Select(task => task.Index).ShouldBe([5]);

        run.Resume();

        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.Id.ShouldBe(RunBuilder.Runner(3));
        spec.TaskCount.ShouldBe(1);
        spec.TaskIndices.ShouldBe([5]);
        run.State.ManualResumes.ShouldBe(2);
    }

    [Fact]
    public void Decide_ResumedTasksSucceed_OutputRunsOnAllResults()
    {
        var run = new RunBuilder().TasksRunning(10).Job(JobState.Failed).Listed(4);

        run.Job(JobState.Succeeded);

        run.State.Status.ShouldBe(RunStatus.Aggregating);
        run.State.FailedTasks.ShouldBeEmpty();
        var spec = run.Commands.OfType<SubmitJob>().Single().Spec;
        spec.Stage.ShouldBe(Stage.Output);
        spec.AllowPartialResults.ShouldBeFalse();
    }

    [Fact]
    public void Decide_FailuresWithinTolerance_AreResumedFirst_ByDefault()
    {
        var run = new RunBuilder(RunPolicy.Default with { Tolerance = new FailureTolerance(2, null) }).TasksRunning(10).Job(JobState.Failed);

        run.Listed(3, 8);

        run.State.Status.ShouldBe(RunStatus.RunningTasks);
        run.State.AutoResumesUsed.ShouldBe(1);
        run.Commands.OfType<SubmitJob>().Single().Spec.TaskIndices.ShouldBe([3, 8]);
    }

    [Fact]
    public void Decide_FailuresWithinTolerance_WhenTheOrderSaysToleranceFirst_OutputRunsAtOnce()
    {
        var policy = RunPolicy.Default with { Tolerance = new FailureTolerance(2, null), ResumeBeforeTolerance = false };
        var run = new RunBuilder(policy).TasksRunning(10).Job(JobState.Failed);

        run.Listed(3, 8);

        run.State.Status.ShouldBe(RunStatus.Aggregating);
        run.State.AutoResumesUsed.ShouldBe(0);
        run.Commands.OfType<SubmitJob>().Single().Spec.AllowPartialResults.ShouldBeTrue();
    }

    [Fact]
    public void Decide_FailuresWithinTolerance_OnceResumesAreSpent_OutputRunsOnPartialResults()
    {
        var run = new RunBuilder(RunPolicy.Default with { Tolerance = new FailureTolerance(2, null), AutoResumes = 0 }).TasksRunning(10).Job(JobState.Failed);

        run.Listed(3, 8);

        run.State.Status.ShouldBe(RunStatus.Aggregating);
        run.State.AutoResumesUsed.ShouldBe(0);
        run.Commands.OfType<SubmitJob>().Single().Spec.AllowPartialResults.ShouldBeTrue();
    }

    [Fact]
    public void Decide_FailedJobWithNoFailedTaskListed_CountsEveryTaskOfTheJobAsFailed()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed);

        run.Listed();

        run.State.Status.ShouldBe(RunStatus.Failed);
        run.State.FailedTasks.Select(task => task.Index).ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void Decide_FailedTasksListedOutOfRangeOrTwice_AreDroppedOrMerged()
    {
        var run = new RunBuilder(NoAutoResume).TasksRunning(4).Job(JobState.Failed);

        run.Listed(3, 3, 9, -1, 1);

        run.State.FailedTasks.Select(task => task.Index).ShouldBe([1, 3]);
    }

    [Fact]
    public void Decide_NoOutputStage_SucceedsWhenTheTasksDo()
    {
        var run = new RunBuilder(RunPolicy.Default with { RunOutputStage = false }).TasksRunning(3);

        run.Job(JobState.Succeeded);

        run.State.Status.ShouldBe(RunStatus.Succeeded);
        run.Commands.ShouldHaveSingleItem().ShouldBeOfType<WriteRunRecord>().Status.ShouldBe(RunStatus.Succeeded);
    }

    [Fact]
    public void Decide_ResumeAfterTheDeadline_RestartsTheDeadline()
    {
        var run = new RunBuilder().TasksRunning(10);
        run.DeadlinePassed().Job(JobState.Cancelled);
        run.State.Status.ShouldBe(RunStatus.Failed);

        run.Resume();

        run.State.Deadline.ShouldBe(run.Now + run.Policy.RunDeadline);
        run.State.Failure.ShouldBeNull();
        run.Commands.OfType<SubmitJob>().Single().Spec.TaskIndices.ShouldBeNull(); // nothing had failed: all tasks again
    }

    [Fact]
    public void Decide_ResumeAfterCountingFailed_CountsAgainUnderANewCommandId()
    {
        // The host drops an event id it has processed; the second count's result ({id}:done or
        // {id}:failed) must not share the first one's, or the run would wait for it until its deadline.
        var run = new RunBuilder().BuilderSucceeded();
        var first = run.Commands.OfType<CountInputs>().Single();
        run.CommandFailed(first.CommandId);

        run.Resume();

        var second = run.Commands.OfType<CountInputs>().Single();
        second.BuilderJob.ShouldBe(first.BuilderJob);
        second.CommandId.ShouldNotBe(first.CommandId);
        run.Decide(new Events.CommandFailedPermanently("late", first.CommandId, "late repeat")).Reason.ShouldBe(Reason.NotExpectedNow);
        run.CommandFailed(second.CommandId).State.Status.ShouldBe(RunStatus.Failed);
    }

    [Fact]
    public void Decide_LateRepeatOfAnEarlierRoundsCount_IsIgnoredAsStale()
    {
        // Found by Decide_AnyDeliveryOrderWithRepeats (seed esQZDDb_Oj-3): the first count said 0 tasks and
        // failed the run; after a resume, a repeated delivery of that first answer decided the second count.
        var run = new RunBuilder().BuilderSucceeded().Counted(0);
        run.Resume();

        var decision = run.Decide(new Events.InputsCounted("late repeat", run.ActiveJob, 0, Round: 0));

        decision.Outcome.ShouldBe(Outcome.Ignored);
        decision.Reason.ShouldBe(Reason.StaleCount);
        run.Counted(5).State.Status.ShouldBe(RunStatus.RunningTasks);
    }

    [Fact]
    public void Decide_ResumeAfterNoInputs_CountsAgainUnderANewCommandId()
    {
        var run = new RunBuilder().BuilderSucceeded().Counted(0);
        run.State.Status.ShouldBe(RunStatus.Failed);
        var first = run.LastCommand!.CommandId;

        run.Resume();

        run.Commands.OfType<CountInputs>().Single().CommandId.ShouldNotBe(first);
        run.Counted(4).State.Status.ShouldBe(RunStatus.RunningTasks);
    }

    [Fact]
    public void Decide_RunnerSubmits_NameJobsStageBRunIdAttempt()
    {
        var run = new RunBuilder().TasksRunning(10).Job(JobState.Failed).Listed(1);

        var id = run.Commands.OfType<SubmitJob>().Single().Spec.Id.Value;

        id.ShouldBe("stage-b-20261124-101500-a1b2c3d4-2");
        id.Length.ShouldBeLessThanOrEqualTo(63);
        id.ShouldBe(id.ToLowerInvariant());
    }
}
