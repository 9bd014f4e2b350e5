using System.Diagnostics;
using System.Net;
using Epy.Contracts.Runs;
using Epy.Google.Auth;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Testing.Batch;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

/// <summary>The Batch job runner against the faithful fake: real HTTP on 127.0.0.1, tasks as real processes.</summary>
public sealed class BatchJobRunnerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    private BatchJobRunner Runner(FakeBatchServer fake, Action<BatchOptions>? configure = null, IAccessTokenSource? tokens = null)
    {
        var options = BatchSpecs.Options(fake.BaseAddress);
        configure?.Invoke(options);
        return new BatchJobRunner(_http, tokens ?? new NoAccessToken(), options, TimeProvider.System, NullLogger<BatchJobRunner>.Instance);
    }

    [Fact]
    public async Task SubmitAsync_Twice_CreatesOneJob()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(3);

        await runner.SubmitAsync(spec, default);
        await runner.SubmitAsync(spec, default);

        fake.JobCount.ShouldBe(1);
        var creates = fake.Requests.Where(r => r.Method == "POST").Select(r => r.PathAndQuery).ToList();
        creates.Count.ShouldBe(2);
        creates.Distinct().ShouldHaveSingleItem().ShouldContain($"requestId={BatchRequestIds.ForCreate(spec.Id)}");
        (await fake.WaitForFinalAsync(spec.Id.Value)).ShouldBe("SUCCEEDED");
    }

    [Fact]
    public async Task SubmitAsync_JobIdTakenByAnEarlierRequest_CountsAsCreated()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var spec = BatchSpecs.Runner(1);
        var body = BatchJobBuilder.Build(spec, BatchSpecs.Options(fake.BaseAddress)).ToJsonString();
        using var earlier = await _http.PostAsync(
            new Uri(fake.BaseAddress, $"v1/projects/test-project/locations/us-central1/jobs?jobId={spec.Id}&requestId={Guid.NewGuid()}"),
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        earlier.StatusCode.ShouldBe(HttpStatusCode.OK);

        await Runner(fake).SubmitAsync(spec, default);

        fake.Requests.Count(r => r.Method == "POST").ShouldBe(2);
        fake.JobCount.ShouldBe(1);
    }

    [Fact]
    public async Task GetAsync_FinishedJob_ReportsItsStateAndTaskCounts()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            TaskCommand = FakeTaskCommand.Bash("""[ "$BATCH_TASK_INDEX" = 1 ] && exit 3; exit 0"""),
        });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(3);

        await runner.SubmitAsync(spec, default);
        await fake.WaitForFinalAsync(spec.Id.Value);
        var status = await runner.GetAsync(spec.Id, default);

        status.ShouldNotBeNull().Uid.ShouldNotBeNullOrEmpty();
        status.ShouldBe(new JobStatus(JobState.Failed, new TaskCounts(0, 0, 2, 1)) { Uid = status.Uid });
    }

    [Fact]
    public async Task GetAsync_QueuedJob_HasEveryTaskPending_AndAnUnknownJobIsNull()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { HoldQueue = true });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(4);

        await runner.SubmitAsync(spec, default);

        var queued = (await runner.GetAsync(spec.Id, default)).ShouldNotBeNull();
        queued.ShouldBe(new JobStatus(JobState.Queued, new TaskCounts(4, 0, 0, 0)) { Uid = queued.Uid });
        (await runner.GetAsync(new JobId(Stage.Output, BatchSpecs.Run, 9), default)).ShouldBeNull();
    }

    [Fact]
    public async Task GetAsync_JobStuckInTheQueue_SaysWhyItWaits()
    {
        const string Stockout = "Job is waiting: ZONE_RESOURCE_POOL_EXHAUSTED, no Spot VMs of e2-standard-4 in us-central1.";
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { NeverSchedules = _ => true, QueueEvent = _ => Stockout });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(2);
        await runner.SubmitAsync(spec, default);

        var queued = await Wait.ForAsync(async () => await runner.GetAsync(spec.Id, default) is { WaitReason: not null } waiting ? waiting : null,
            Patience, () => "no wait reason came");

        queued.State.ShouldBe(JobState.Queued);
        queued.WaitReason.ShouldBe(Stockout);
    }

    [Fact]
    public async Task ListFailedTasksAsync_ReadsEveryPage_WithTheLastExitCodes()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            MaxPageSize = 2,
            TaskCommand = FakeTaskCommand.Bash("""case "$BATCH_TASK_INDEX" in 1|3|4|6) exit $((10 + BATCH_TASK_INDEX));; esac; exit 0"""),
        });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(7, maxRetryCount: 0);
        await runner.SubmitAsync(spec, default);
        (await fake.WaitForFinalAsync(spec.Id.Value)).ShouldBe("FAILED");

        var failed = await runner.ListFailedTasksAsync(spec.Id, default);

        failed.ShouldBe([new FailedTask(1, 11), new FailedTask(3, 13), new FailedTask(4, 14), new FailedTask(6, 16)]);
        fake.Requests.Count(r => r.PathAndQuery.Contains("filter=State%3DFAILED", StringComparison.Ordinal)).ShouldBe(2);
        fake.Requests.ShouldContain(r => r.PathAndQuery.Contains("pageToken=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Job_PreemptedOrTransientTasks_AreRetriedByBatch_ButBadInputIsNot()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            // Task 0: its spot VM is preempted once. Task 1: exits 4 (transient) once. Task 2: exits 3 (bad input).
            VmFailure = (_, task, retry) => task == 0 && retry == 0 ? 50001 : null,
            TaskCommand = FakeTaskCommand.Bash("""
                if [ "$BATCH_TASK_INDEX" = 1 ] && [ "$BATCH_TASK_RETRY_ATTEMPT" = 0 ]; then exit 4; fi
                if [ "$BATCH_TASK_INDEX" = 2 ]; then exit 3; fi
                exit 0
                """),
        });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(3, maxRetryCount: 3);

        await runner.SubmitAsync(spec, default);
        await fake.WaitForFinalAsync(spec.Id.Value);

        fake.TaskStates(spec.Id.Value).ShouldBe(["SUCCEEDED", "SUCCEEDED", "FAILED"]);
        (await runner.ListFailedTasksAsync(spec.Id, default)).ShouldBe([new FailedTask(2, 3)]);
        Directory.GetFiles(Path.Combine(fake.LogsDirectory, spec.Id.Value), "task-2-*").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task ListFailedTasksAsync_CountsEachTasksSpotPreemptions()
    {
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            // Task 1's Spot VM is preempted every time; task 0 runs.
            VmFailure = (_, task, _) => task == 1 ? StageExitCodes.SpotPreempted : null,
        });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(2, maxRetryCount: 2);

        await runner.SubmitAsync(spec, default);
        (await fake.WaitForFinalAsync(spec.Id.Value)).ShouldBe("FAILED");

        (await runner.ListFailedTasksAsync(spec.Id, default)).ShouldBe([new FailedTask(1, StageExitCodes.SpotPreempted, 3)]);
    }

    [Fact]
    public async Task ResumedJob_RunsTheRunsTasksNamedByItsTaskIndices()
    {
        using var output = new TempFolder();
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            TaskCommand = FakeTaskCommand.Bash("""echo "$1 $TASK_INDEX $NUM_TASKS" > "$OUT_DIR/batch-task-$BATCH_TASK_INDEX" """),
        });
        var runner = Runner(fake, options => options.Environment["OUT_DIR"] = output.Path);
        var spec = BatchSpecs.Runner(attempt: 2, indices: new ValueList<int>([2, 7]));

        await runner.SubmitAsync(spec, default);
        (await fake.WaitForFinalAsync(spec.Id.Value)).ShouldBe("SUCCEEDED");

        File.ReadAllText(Path.Combine(output.Path, "batch-task-0")).Trim().ShouldBe("runner 2 10");
        File.ReadAllText(Path.Combine(output.Path, "batch-task-1")).Trim().ShouldBe("runner 7 10");
    }

    [Fact]
    public async Task CancelAsync_RunningJob_StopsItsTasksAndEndsCancelled()
    {
        var notifier = new RecordingBatchNotifier();
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            Notifier = notifier,
            TaskCommand = FakeTaskCommand.Bash("sleep 30"),
        });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(2);
        await runner.SubmitAsync(spec, default);
        await fake.WaitForStateAsync(spec.Id.Value, state => state == "RUNNING", Patience);
        var clock = Stopwatch.StartNew();

        await runner.CancelAsync(spec.Id, default);
        await runner.CancelAsync(spec.Id, default);

        (await fake.WaitForFinalAsync(spec.Id.Value)).ShouldBe("CANCELLED");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        fake.TaskStates(spec.Id.Value).ShouldAllBe(state => state == "UNEXECUTED");
        (await runner.GetAsync(spec.Id, default))!.State.ShouldBe(JobState.Cancelled);
        await notifier.WaitForAsync(n => n.NewJobState == "CANCELLED", Patience);
        notifier.Received.Select(n => n.NewJobState).ShouldBe(["QUEUED", "SCHEDULED", "RUNNING", "CANCELLATION_IN_PROGRESS", "CANCELLED"]);
    }

    [Fact]
    public async Task CancelAsync_FinishedOrUnknownJob_IsDone()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var runner = Runner(fake);
        var spec = BatchSpecs.Builder();
        await runner.SubmitAsync(spec, default);
        await fake.WaitForFinalAsync(spec.Id.Value);

        await runner.CancelAsync(spec.Id, default);
        await runner.CancelAsync(new JobId(Stage.Output, BatchSpecs.Run, 3), default);

        fake.JobState(spec.Id.Value).ShouldBe("SUCCEEDED");
    }

    [Fact]
    public async Task Job_StateChanges_AreNotifiedWithBatchsAttributes()
    {
        var notifier = new RecordingBatchNotifier();
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { Notifier = notifier });
        var spec = BatchSpecs.Output();

        await Runner(fake).SubmitAsync(spec, default);
        var last = await notifier.WaitForAsync(n => n.NewJobState == "SUCCEEDED", Patience);

        notifier.Received.Select(n => n.NewJobState).ShouldBe(["QUEUED", "SCHEDULED", "RUNNING", "SUCCEEDED"]);
        last.Topic.ShouldBe("projects/test-project/topics/batch-events");
        last.Attributes["Type"].ShouldBe("JOB_STATE_CHANGED");
        last.JobName.ShouldBe($"projects/test-project/locations/us-central1/jobs/{spec.Id}");
        JobId.TryParse(last.JobName, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(spec.Id);
        last.Attributes["JobUID"].ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task SubmitAsync_ServiceUnavailableThenSuccess_IsRetriedAfterRetryAfter()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var spec = BatchSpecs.Runner(1);
        fake.FailNext(HttpStatusCode.ServiceUnavailable, times: 1, retryAfter: TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();

        await Runner(fake).SubmitAsync(spec, default);

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(900));
        fake.Requests.Count(r => r.Method == "POST").ShouldBe(2);
        fake.JobCount.ShouldBe(1);
    }

    [Fact]
    public async Task SubmitAsync_TooManyRequestsEveryTime_FailsTransiently_AfterItsRetries()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        fake.FailNext(HttpStatusCode.TooManyRequests, times: 10);

        var failure = await Should.ThrowAsync<CommandFailedException>(() =>
            Runner(fake, options => options.MaxRetries = 2).SubmitAsync(BatchSpecs.Runner(1), default));

        failure.Permanent.ShouldBeFalse();
        failure.Message.ShouldContain("RESOURCE_EXHAUSTED");
        fake.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SubmitAsync_AnswerSlowerThanTheAttemptTimeout_IsRetried_AndStillMakesOneJob()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        fake.StallNext(TimeSpan.FromSeconds(1));
        var spec = BatchSpecs.Runner(1);

        await Runner(fake, options => options.AttemptTimeout = TimeSpan.FromMilliseconds(250)).SubmitAsync(spec, default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // At least the stalled attempt and one retry (more if a busy machine slows the retry too).
        fake.Requests.Count(r => r.Method == "POST").ShouldBeGreaterThanOrEqualTo(2);
        fake.JobCount.ShouldBe(1);
    }

    [Fact]
    public async Task Calls_WhileBatchKeepsFailing_OpenTheCircuit_AndThenFailFastWithoutCallingIt()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        fake.FailNext(HttpStatusCode.ServiceUnavailable, times: 50);
        var runner = Runner(fake, options => options.MaxRetries = 0);
        var job = new JobId(Stage.Runner, BatchSpecs.Run, 1);

        for (var i = 0; i < 10; i++)
            (await Should.ThrowAsync<CommandFailedException>(() => runner.GetAsync(job, default))).Permanent.ShouldBeFalse();
        var refused = await Should.ThrowAsync<CommandFailedException>(() => runner.GetAsync(job, default));

        refused.Permanent.ShouldBeFalse();
        refused.Message.ShouldContain("kept failing");
        fake.Requests.Count.ShouldBe(10);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task SubmitAsync_RefusedRequest_FailsPermanently_WithoutRetrying(HttpStatusCode status)
    {
        await using var fake = await FakeBatchServer.StartAsync();
        fake.FailNext(status);

        var failure = await Should.ThrowAsync<CommandFailedException>(() => Runner(fake).SubmitAsync(BatchSpecs.Runner(1), default));

        failure.Permanent.ShouldBeTrue();
        fake.Requests.Count.ShouldBe(1);
        fake.JobCount.ShouldBe(0);
    }

    [Fact]
    public async Task SubmitAsync_AnotherProjectOrAnUnknownRegion_FailsPermanently()
    {
        await using var fake = await FakeBatchServer.StartAsync();

        var denied = await Should.ThrowAsync<CommandFailedException>(() =>
            Runner(fake, options => options.Project = "someone-else").SubmitAsync(BatchSpecs.Runner(1), default));
        var nowhere = await Should.ThrowAsync<CommandFailedException>(() =>
            Runner(fake, options => options.Region = "mars-north1").SubmitAsync(BatchSpecs.Runner(1), default));

        denied.Permanent.ShouldBeTrue();
        denied.Message.ShouldContain("PERMISSION_DENIED");
        nowhere.Permanent.ShouldBeTrue();
        nowhere.Message.ShouldContain("NOT_FOUND");
    }

    [Fact]
    public async Task Calls_CarryTheAccessToken()
    {
        await using var fake = await FakeBatchServer.StartAsync();
        var runner = Runner(fake, tokens: new FixedToken("ya29.test-token"));

        await runner.GetAsync(new JobId(Stage.Builder, BatchSpecs.Run, 1), default);

        fake.Requests.ShouldHaveSingleItem().Authorization.ShouldBe("Bearer ya29.test-token");
    }

    [Fact]
    public async Task RunnerTask_OfTheRealStageProgram_WithoutItsInput_FailsAsBadInput_WithoutRetries()
    {
        using var buckets = new TempFolder();
        await using var fake = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            TaskCommand = FakeTaskCommand.StageProgram(Local.StageProgramLocator.Find(), buckets.Path),
        });
        var runner = Runner(fake);
        var spec = BatchSpecs.Runner(1, maxRetryCount: 3);

        await runner.SubmitAsync(spec, default);
        (await fake.WaitForFinalAsync(spec.Id.Value, TimeSpan.FromSeconds(45))).ShouldBe("FAILED");

        (await runner.ListFailedTasksAsync(spec.Id, default)).ShouldBe([new FailedTask(0, 3)]);
        var log = File.ReadAllText(Directory.GetFiles(Path.Combine(fake.LogsDirectory, spec.Id.Value)).ShouldHaveSingleItem());
        log.ShouldContain("input_00000.json.gz is missing");
    }

    private sealed class FixedToken(string token) : IAccessTokenSource
    {
        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }
}
