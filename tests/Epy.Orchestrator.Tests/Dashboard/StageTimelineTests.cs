using Epy.Contracts.Api;
using Epy.Orchestrator.Dashboard;

namespace Epy.Orchestrator.Tests.Dashboard;

public sealed class StageTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static JobView Job(string stage, int attempt, string state, int tasks, int succeeded, int running, int failed, int submitted, int? started, int? ended) =>
        new($"stage-{stage[0]}-20261124-100000-a1b2c3d4-{attempt}", stage, attempt, state, tasks, tasks - succeeded - running - failed, running, succeeded, failed,
            T0.AddSeconds(submitted), started is { } s ? T0.AddSeconds(s) : null, ended is { } e ? T0.AddSeconds(e) : null);

    private static RunView Run(string state, int updated, int taskCount, IReadOnlyList<FailedTaskView> failed, params JobView[] jobs) =>
        new("20261124-100000-a1b2c3d4", "flu", state, T0, T0.AddSeconds(updated), null, taskCount, null, "api", new Dictionary<string, string>(),
            jobs, failed, 0, 0, "flu/20261124-100000-a1b2c3d4/", null, []);

    [Fact]
    public void Of_RunningRun_MeasuresQueuedAndRunningSpans_UntilNow()
    {
        var run = Run("RUNNING_TASKS", 30, 4, [],
            Job("builder", 1, "SUCCEEDED", 1, 1, 0, 0, submitted: 0, started: 2, ended: 10),
            Job("runner", 1, "RUNNING", 4, 1, 2, 0, submitted: 10, started: 15, ended: null));

        var spans = StageTimeline.Of(run, now: T0.AddSeconds(40));

        spans.Select(s => s.Phase).ShouldBe(["done", "running"]);
        spans[0].Queued.ShouldBe(TimeSpan.FromSeconds(2));
        spans[0].Running.ShouldBe(TimeSpan.FromSeconds(8));
        spans[1].Queued.ShouldBe(TimeSpan.FromSeconds(5));
        spans[1].Running.ShouldBe(TimeSpan.FromSeconds(25));
        spans[1].Until.ShouldBe(1);
        spans[0].RunningFrom.ShouldBe(2.0 / 40, tolerance: 1e-9);
        spans.ShouldAllBe(s => s.QueuedFrom <= s.RunningFrom && s.RunningFrom <= s.Until && s.Until <= 1);
    }

    [Fact]
    public void Of_JobNotStarted_IsQueuedWithoutARunningSpan()
    {
        var run = Run("BUILDING_INPUTS", 0, 0, [], Job("builder", 1, "QUEUED", 1, 0, 0, 0, submitted: 0, started: null, ended: null));

        var span = StageTimeline.Of(run, now: T0.AddSeconds(3)).ShouldHaveSingleItem();

        span.Phase.ShouldBe("queued");
        span.Queued.ShouldBe(TimeSpan.FromSeconds(3));
        span.Running.ShouldBeNull();
    }

    [Fact]
    public void TaskProgress_AddsTheSuccessesOfEveryAttempt_AndCountsTheLatestFailures()
    {
        var run = Run("FAILED", 100, 10, [new FailedTaskView(7, 3)],
            Job("builder", 1, "SUCCEEDED", 1, 1, 0, 0, 0, 1, 2),
            Job("runner", 1, "FAILED", 10, 8, 0, 2, 2, 3, 50),
            Job("runner", 2, "FAILED", 2, 1, 0, 1, 50, 51, 90));

        var progress = TaskProgress.Of(run);

        progress.ShouldBe(new TaskProgress(10, 9, 0, 1));
        progress.Brief.ShouldBe("9/10, 1 failed");
        progress.Sentence.ShouldBe("9 of 10 tasks done, 0 running, 1 failed");
    }

    [Fact]
    public void TaskProgress_OfACancelledJob_CountsNoFailures()
    {
        var run = Run("CANCELLED", 20, 4, [],
            Job("builder", 1, "SUCCEEDED", 1, 1, 0, 0, 0, 1, 2),
            Job("runner", 1, "CANCELLED", 4, 1, 0, 3, 2, 3, 20));

        TaskProgress.Of(run).ShouldBe(new TaskProgress(4, 1, 0, 0));
    }
}
