using Epy.Orchestrator.Runs;

namespace Epy.Orchestrator.Tests.Runs;

/// <summary>Idempotency keys: one namespace per source, and Cloud Scheduler's fallback tick.</summary>
public sealed class IdempotencyKeyTests
{
    private const string Job = "projects/p/locations/us-east1/jobs/weekly-flu";

    [Fact]
    public void ClientKey_NeverEqualsASchedulerKey_EvenSpelledLikeOne()
    {
        var tick = IdempotencyKey.FromCloudScheduler(Job, "2026-11-25T11:00:00Z", DateTimeOffset.UnixEpoch);

        IdempotencyKey.FromClient(tick.Value).Value.ShouldNotBe(tick.Value);
        IdempotencyKey.FromClient($"scheduler:{Job}:2026-11-25T11:00:00Z").Value.ShouldNotBe(tick.Value);
        IdempotencyKey.FromClient($"schedule:weekly:2026-11-25T11:00:00Z").Value
            .ShouldNotBe(IdempotencyKey.FromLocalSchedule("weekly", new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero)).Value);
    }

    [Fact]
    public void SchedulerKey_WithoutScheduleTime_IsTheMinuteOfTheCall()
    {
        var early = new DateTimeOffset(2026, 11, 25, 11, 0, 3, TimeSpan.Zero);
        var late = new DateTimeOffset(2026, 11, 25, 12, 0, 58, TimeSpan.FromHours(1));
        var nextMinute = new DateTimeOffset(2026, 11, 25, 11, 1, 0, TimeSpan.Zero);

        var key = IdempotencyKey.FromCloudScheduler(Job, null, early);

        key.Value.ShouldBe($"scheduler:{Job}:2026-11-25T11:00:00Z", "the form a schedule time has, so a later call with the header for that minute is the same tick");
        IdempotencyKey.FromCloudScheduler(Job, "", late).ShouldBe(key, "a retry within the minute is the same tick, whatever its offset");
        IdempotencyKey.FromCloudScheduler(Job, null, nextMinute).ShouldNotBe(key);
    }

    [Fact]
    public void ClientKey_LongerThan500_IsTooLong()
    {
        IdempotencyKey.FromClient(new string('k', 500)).TooLong.ShouldBeFalse();
        IdempotencyKey.FromClient(new string('k', 501)).TooLong.ShouldBeTrue();
    }
}
