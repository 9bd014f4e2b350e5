using System.Threading.Channels;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;

namespace Epy.Orchestrator.Local;

/// <summary>
/// The local equivalent of Batch → Pub/Sub → push: job state changes are written here by the local job
/// runner and handled by the event pump, one at a time, through the same handler as the cloud's.
/// Unbounded and in memory: what is lost in a crash the reconciler recovers from the job tables.
/// Each event carries when it was published, for the event lag metric.
/// </summary>
public sealed class LocalEventChannel(TimeProvider time)
{
    private readonly Channel<(RunId Run, RunEvent Event, DateTimeOffset PublishedAt)> _channel =
        Channel.CreateUnbounded<(RunId, RunEvent, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues an event.</summary>
    public void Publish(RunId run, RunEvent @event) => _channel.Writer.TryWrite((run, @event, time.GetUtcNow()));

    /// <summary>The queued events.</summary>
    public ChannelReader<(RunId Run, RunEvent Event, DateTimeOffset PublishedAt)> Reader => _channel.Reader;
}
