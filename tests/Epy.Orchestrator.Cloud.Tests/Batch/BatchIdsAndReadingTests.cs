using System.Net;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Google.Batch;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

public class BatchIdsAndReadingTests
{
    [Fact]
    public void NameBased_MatchesRfc9562sVersion5()
    {
        // uuid5(NAMESPACE_DNS, "python.org"), as every UUID library computes it.
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        BatchRequestIds.NameBased(dns, "python.org").ShouldBe(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    }

    [Fact]
    public void RequestIds_AreStablePerJobAndCall_AndDifferOtherwise()
    {
        var first = new JobId(Stage.Runner, BatchSpecs.Run, 1);
        var second = new JobId(Stage.Runner, BatchSpecs.Run, 2);

        BatchRequestIds.ForCreate(first).ShouldBe(BatchRequestIds.ForCreate(new JobId(Stage.Runner, BatchSpecs.Run, 1)));
        BatchRequestIds.ForCreate(first).ShouldNotBe(BatchRequestIds.ForCreate(second));
        BatchRequestIds.ForCreate(first).ShouldNotBe(BatchRequestIds.ForCancel(first));
        BatchRequestIds.ForCreate(first).ToString()[14].ShouldBe('5');
    }

    [Fact]
    public void Status_ReadsStateAndStringCounts()
    {
        using var job = JsonDocument.Parse("""
            {"taskGroups": [{"taskCount": "6"}],
             "status": {"state": "RUNNING", "taskGroups": {"group0": {"counts": {"RUNNING": "2", "SUCCEEDED": "1", "FAILED": "1", "PENDING": "1", "ASSIGNED": "1"}}}}}
            """);

        BatchJobReader.Status(job.RootElement).ShouldBe(new Ports.JobStatus(JobState.Running, new TaskCounts(2, 2, 1, 1)));
    }

    [Fact]
    public void Status_WaitingJob_SaysWhyFromItsLatestStatusEvent_ARunningJobDoesNot()
    {
        const string events = """
            "statusEvents": [
              {"type": "STATUS_CHANGED", "description": "Job state is set from STATE_UNSPECIFIED to QUEUED for job projects/p/locations/r/jobs/j.", "eventTime": "2026-12-07T08:00:00Z"},
              {"type": "QUOTA_CHECKING", "description": "Quota checking process decides to delay scheduling for the job due to inadequate quotas [Quota: CPUS, limit: 24].", "eventTime": "2026-12-07T08:05:00Z"},
              {"description": "Job is waiting: no Spot capacity in us-central1-a.", "eventTime": "2026-12-07T08:01:00Z"},
              {"description": "Job state is set from QUEUED to SCHEDULED for job projects/p/locations/r/jobs/j.", "eventTime": "2026-12-07T08:06:00Z"}
            ]
            """;
        using var scheduled = JsonDocument.Parse($$$"""{"status": {"state": "SCHEDULED", {{{events}}}}}""");
        using var running = JsonDocument.Parse($$$"""{"status": {"state": "RUNNING", {{{events}}}}}""");
        using var plain = JsonDocument.Parse("""{"status": {"state": "QUEUED"}}""");

        BatchJobReader.Status(scheduled.RootElement).WaitReason.ShouldBe("Quota checking process decides to delay scheduling for the job due to inadequate quotas [Quota: CPUS, limit: 24].");
        BatchJobReader.Status(running.RootElement).WaitReason.ShouldBeNull();
        BatchJobReader.Status(plain.RootElement).WaitReason.ShouldBeNull();
    }

    [Fact]
    public void Status_QueuedJobWithoutCounts_HasEveryTaskPending()
    {
        using var job = JsonDocument.Parse("""{"taskGroups": [{"taskCount": "40"}], "status": {"state": "QUEUED"}}""");

        BatchJobReader.Status(job.RootElement).ShouldBe(new Ports.JobStatus(JobState.Queued, new TaskCounts(40, 0, 0, 0)));
    }

    [Theory]
    [InlineData("CANCELLATION_IN_PROGRESS", JobState.Running)]
    [InlineData("CANCELLED", JobState.Cancelled)]
    [InlineData("DELETION_IN_PROGRESS", JobState.DeletionInProgress)]
    [InlineData("STATE_UNSPECIFIED", JobState.Queued)]
    [InlineData("SOMETHING_NEW", JobState.Queued)]
    [InlineData(null, JobState.Queued)]
    public void ToJobState_MapsBatchsStates_AndNeverInventsProgress(string? raw, JobState expected) =>
        BatchJobReader.ToJobState(raw).ShouldBe(expected);

    [Fact]
    public void TaskPage_ReadsIndicesFromNames_TheLastExitCode_AndSpotPreemptions()
    {
        using var page = JsonDocument.Parse("""
            {"tasks": [
              {"name": "projects/p/locations/l/jobs/j/taskGroups/group0/tasks/7", "status": {"state": "FAILED", "statusEvents": [
                {"eventTime": "2026-11-24T10:00:00Z", "taskExecution": {"exitCode": 50001}},
                {"eventTime": "2026-11-24T10:05:00Z", "description": "no execution"},
                {"eventTime": "2026-11-24T10:09:00Z", "taskExecution": {"exitCode": 3}}]}},
              {"name": "projects/p/locations/l/jobs/j/taskGroups/group0/tasks/9", "status": {"state": "FAILED"}}],
             "nextPageToken": "abc"}
            """);

        var (tasks, next) = BatchJobReader.TaskPage(page.RootElement);

        tasks.ShouldBe([new FailedTask(7, 3, Preemptions: 1), new FailedTask(9, null)]);
        next.ShouldBe("abc");
    }

    [Fact]
    public void Error_ReadsGooglesErrorBody()
    {
        var exists = BatchException.FromAnswer(HttpStatusCode.Conflict, """{"error": {"code": 409, "message": "Job x already exists.", "status": "ALREADY_EXISTS"}}""");
        var gateway = BatchException.FromAnswer(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        (exists.StatusCode, exists.Status, exists.Detail).ShouldBe((HttpStatusCode.Conflict, "ALREADY_EXISTS", "Job x already exists."));
        (gateway.Status, gateway.Detail).ShouldBe((null, "<html>bad gateway</html>"));
        BatchException.FromAnswer(HttpStatusCode.BadGateway, "").Detail.ShouldBe("(no body)");
    }

    [Fact]
    public void Options_Defaults_NameWhatIsMissing_AndTheTestOptionsAreValid()
    {
        new BatchOptions().Problems().ShouldContain(p => p.Contains("Batch:Project", StringComparison.Ordinal));
        new BatchOptions().Problems().ShouldContain(p => p.Contains("Batch:Bucket", StringComparison.Ordinal));
        BatchSpecs.Options().Problems().ShouldBeEmpty();
    }
}
