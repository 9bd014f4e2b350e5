using Epy.Testing.Batch;

namespace Epy.Orchestrator.Cloud.Tests.PubSub;

/// <summary>
/// Publishes the fake Batch's job notifications into the Pub/Sub emulator, as Batch publishes them to
/// the job's <c>pubsubTopic</c>: attributes <c>Type</c>, <c>JobName</c>, <c>JobUID</c>, <c>NewJobState</c>,
/// <c>Region</c>, and a sentence as data.
/// </summary>
public sealed class PubSubBatchNotifier(PubSubEmulatorClient pubsub) : IBatchNotifier
{
    private int _published;

    /// <summary>How many notifications were published.</summary>
    public int Published => Volatile.Read(ref _published);

    /// <inheritdoc />
    public async Task NotifyAsync(BatchNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        await pubsub.PublishAsync(notification.Topic, notification.Attributes, notification.Data, cancellationToken);
        Interlocked.Increment(ref _published);
    }
}
