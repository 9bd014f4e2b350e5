using Epy.Orchestrator.Cloud.Firestore;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>The processed-event marker carries the timestamp Firestore's TTL policy deletes it by.</summary>
public sealed class RunDocumentMarkerTests
{
    [Fact]
    public void Marker_ExpiresOneRetentionAfterItWasProcessed()
    {
        var at = new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);

        var marker = RunDocument.Marker("pubsub/42", 3, at);

        marker[RunDocument.MarkerExpiresAt].AsTimestamp().ShouldBe(at.AddDays(30));
        marker["processed_at"].AsTimestamp().ShouldBe(at);
    }

    [Fact]
    public void MarkerRetention_OutlastsPubSubRedeliveryAndTheLongestRunDeadline() =>
        RunDocument.MarkerRetention.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromHours(Runs.PolicyOptions.MaxDeadlineHours));
}
