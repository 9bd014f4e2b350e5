using Epy.Orchestrator.Cloud.Push;

namespace Epy.Orchestrator.Tests.Telemetry;

/// <summary>Pub/Sub's publishTime, the start of the event lag metric.</summary>
public sealed class PublishTimeTests
{
    [Theory]
    [InlineData("2026-11-24T10:15:02Z", 0)]
    [InlineData("2026-11-24T10:15:02.749Z", 7_490_000)]
    [InlineData("2026-11-24T10:15:02.123456Z", 1_234_560)]
    [InlineData("2026-11-24T10:15:02.123456789Z", 1_234_567)]
    [InlineData("2026-11-24T11:15:02.5+01:00", 5_000_000)]
    public void PublishTime_ReadsRfc3339UpToNanoseconds(string text, long ticksAfterSecond)
    {
        PublishTime(text).ShouldBe(new DateTimeOffset(2026, 11, 24, 10, 15, 2, TimeSpan.Zero).AddTicks(ticksAfterSecond));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    public void PublishTime_IsNullWhenMissingOrMalformed(string? text) => PublishTime(text).ShouldBeNull();

    private static DateTimeOffset? PublishTime(string? text) => PushEndpoints.PublishTime(text);
}
