using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Machine;

/// <summary>Jobs stuck in the queue: per-stage queue timeouts and the reason a job waits (issue 18, item 4).</summary>
public sealed class QueueTests
{
    private const string Quota = "Quota checking process decides to delay scheduling for the job due to inadequate quotas [Quota: CPUS, limit: 24, usage: 20, wanted: 8]";

    [Fact]
    public void Decide_RunnerQueuedPastItsTimeout_StopsTheJob_ThenFailsSayingWhy()
    {
        var run = new RunBuilder().BuilderSucceeded().Counted(10);
        run.Apply(new JobStateChanged(run.NextEventId(), RunBuilder.Runner(1), JobState.Queued, WaitReason: Quota));

        run.Later(TimeSpan.FromHours(6)).Apply(new QueueTimeoutPassed(run.NextEventId(), RunBuilder.Runner(1)));

        run.State.Status.ShouldBe(RunStatus.Cancelling);
        run.Commands.ShouldBe([new CancelJob(RunBuilder.Run, RunBuilder.Runner(1))]);
        run.Job(JobState.Cancelled);
        run.State.Status.ShouldBe(RunStatus.Failed);
        run.State.Failure.ShouldBe($"runner job {RunBuilder.Runner(1)} queued for more than 6h (waiting: {Quota})");
    }

    [Fact]
    public void Decide_QueueTimeoutBeforeItIsDue_OrForAJobThatRuns_IsIgnored()
    {
        var run = new RunBuilder().BuilderSucceeded().Counted(10).Job(JobState.Scheduled);

        run.Later(TimeSpan.FromHours(5)).Decide(new QueueTimeoutPassed(run.NextEventId(), RunBuilder.Runner(1))).Reason.ShouldBe(Reason.NotExpectedNow);
        run.Job(JobState.Running);
        run.Later(TimeSpan.FromDays(1)).Decide(new QueueTimeoutPassed(run.NextEventId(), RunBuilder.Runner(1))).Reason.ShouldBe(Reason.NotExpectedNow);
    }

    [Fact]
    public void Decide_StageWithoutQueueTimeout_WaitsUntilTheDeadline()
    {
        var policy = RunPolicy.Default with { Builder = StageResources.BuilderDefault with { QueueTimeout = null } };
        var run = new RunBuilder(policy).Requested().Job(JobState.Queued);

        run.Later(TimeSpan.FromDays(1)).Decide(new QueueTimeoutPassed(run.NextEventId(), RunBuilder.Builder(1))).Reason.ShouldBe(Reason.NotExpectedNow);
    }

    [Fact]
    public void Decide_EachStageHasItsOwnQueueTimeout()
    {
        var run = new RunBuilder().Requested();

        run.Later(TimeSpan.FromHours(2)).Apply(new QueueTimeoutPassed(run.NextEventId(), RunBuilder.Builder(1)));

        run.State.Failure.ShouldBe($"builder job {RunBuilder.Builder(1)} queued for more than 2h");
    }

    [Fact]
    public void Decide_WaitReason_IsKeptWhileTheJobWaits_AndClearedOnceItRuns()
    {
        var run = new RunBuilder().BuilderSucceeded().Counted(10).Job(JobState.Queued);

        run.Apply(new JobStateChanged(run.NextEventId(), RunBuilder.Runner(1), JobState.Queued, WaitReason: Quota));
        run.State.ActiveJob!.WaitReason.ShouldBe(Quota);
        run.Decide(new JobStateChanged(run.NextEventId(), RunBuilder.Runner(1), JobState.Queued, WaitReason: Quota)).Reason.ShouldBe(Reason.AlreadyApplied);
        run.Apply(new JobStateChanged(run.NextEventId(), RunBuilder.Runner(1), JobState.Scheduled, WaitReason: "no Spot capacity in us-central1-a"));
        run.State.ActiveJob!.WaitReason.ShouldBe("no Spot capacity in us-central1-a");

        run.Job(JobState.Running);

        run.State.ActiveJob!.WaitReason.ShouldBeNull();
    }

    [Fact]
    public void QueueTimeout_MustBePositiveAndAtMost14Days()
    {
        var policy = RunPolicy.Default with { Runner = StageResources.RunnerDefault with { QueueTimeout = TimeSpan.Zero } };

        policy.Problems().ShouldContain(new FieldProblem("stage_b.queue_timeout", "must be positive and at most 14 days, not 00:00:00"));
        RunPolicy.Default.Problems().ShouldBeEmpty();
    }
}
