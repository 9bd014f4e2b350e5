using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>A forged or stale notification cannot end a run: final states are taken from Batch (issue 18, item 3).</summary>
public sealed class NotificationCheckTests
{
    private static readonly JobId Job = new(Stage.Runner, RunId.Parse("20261124-101500-a1b2c3d4"), 1);

    private static BatchNotification Notification(JobState state, string? uid = "uid-1") => new("m1", Job, state, uid);

    [Fact]
    public void Confirmed_ForgedSucceededForARunningJob_FeedsWhatBatchReports()
    {
        var @event = NotificationCheck.Confirmed(Notification(JobState.Succeeded), new JobStatus(JobState.Running, new TaskCounts(0, 3, 0, 0), "uid-1"), out _);

        @event.ShouldNotBeNull().State.ShouldBe(JobState.Running);
    }

    [Fact]
    public void Confirmed_FinalStateOfAJobBatchDoesNotKnow_IsRefused()
    {
        NotificationCheck.Confirmed(Notification(JobState.Succeeded), null, out var reason).ShouldBeNull();
        reason!.ShouldContain("does not know");
    }

    [Fact]
    public void Confirmed_FinalStateWithAnotherJobUid_IsRefused()
    {
        NotificationCheck.Confirmed(Notification(JobState.Failed, "uid-old"), new JobStatus(JobState.Failed, new TaskCounts(0, 0, 0, 3), "uid-new"), out var reason)
            .ShouldBeNull();
        reason!.ShouldContain("JobUID");
    }

    [Fact]
    public void Confirmed_RealFinalStateWithItsUid_IsFedWithBatchsCounts()
    {
        var counts = new TaskCounts(0, 0, 3, 0);

        var @event = NotificationCheck.Confirmed(Notification(JobState.Succeeded), new JobStatus(JobState.Succeeded, counts, "uid-1"), out _);

        @event.ShouldNotBeNull().ShouldBe(new Core.Events.JobStateChanged("pubsub:m1", Job, JobState.Succeeded, counts));
    }

    [Fact]
    public void Confirmed_NonFinalState_PassesWithoutAskingBatch()
    {
        NotificationCheck.Confirmed(Notification(JobState.Running), null, out _).ShouldNotBeNull().State.ShouldBe(JobState.Running);
    }
}
