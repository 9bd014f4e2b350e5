using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Push;

namespace Epy.Orchestrator.Cloud.Tests.Push;

public class BatchNotificationTests
{
    private static PushEnvelope Envelope(Dictionary<string, string>? attributes, string? messageId = "123456") =>
        new(new PushMessage("", attributes, messageId, "2026-11-24T12:00:00Z"), "projects/p/subscriptions/batch-events", null);

    [Fact]
    public void TryRead_JobStateChangedOfOurJob_MapsToTheJobAndState()
    {
        var notification = BatchNotification.TryRead(Envelope(new()
        {
            ["Type"] = "JOB_STATE_CHANGED",
            ["JobName"] = "projects/p/locations/us-central1/jobs/stage-b-20261124-101500-a1b2c3d4-2",
            ["JobUID"] = "stage-b-2026-abc",
            ["NewJobState"] = "SUCCEEDED",
        }), out var reason);
        reason.ShouldBeNull();
        notification.ShouldNotBeNull();
        notification.Job.ShouldBe(new JobId(Stage.Runner, RunId.Parse("20261124-101500-a1b2c3d4"), 2));
        notification.State.ShouldBe(JobState.Succeeded);
        notification.MessageId.ShouldBe("123456");
    }

    [Theory]
    [InlineData("TASK_STATE_CHANGED", "projects/p/locations/l/jobs/stage-b-20261124-101500-a1b2c3d4-1", "RUNNING")]
    [InlineData("JOB_STATE_CHANGED", "projects/p/locations/l/jobs/someone-elses-job", "RUNNING")]
    [InlineData("JOB_STATE_CHANGED", "projects/p/locations/l/jobs/stage-b-20261124-101500-a1b2c3d4-1", "STATE_UNSPECIFIED")]
    [InlineData(null, null, null)]
    public void TryRead_ForeignOrMalformed_IsNotOurs_WithAReason(string? type, string? job, string? state)
    {
        var attributes = new Dictionary<string, string>();
        if (type is not null) attributes["Type"] = type;
        if (job is not null) attributes["JobName"] = job;
        if (state is not null) attributes["NewJobState"] = state;
        BatchNotification.TryRead(Envelope(attributes), out var reason).ShouldBeNull();
        reason.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void TryRead_NoMessageOrId_IsNotOurs()
    {
        BatchNotification.TryRead(null, out _).ShouldBeNull();
        BatchNotification.TryRead(new PushEnvelope(null, null, null), out _).ShouldBeNull();
        BatchNotification.TryRead(Envelope(new() { ["Type"] = "JOB_STATE_CHANGED" }, messageId: null), out _).ShouldBeNull();
    }
}
