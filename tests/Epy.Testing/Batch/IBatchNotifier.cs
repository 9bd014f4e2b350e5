namespace Epy.Testing.Batch;

/// <summary>
/// Receives the fake Batch server's job notifications, one call per state change per matching
/// <c>notifications[]</c> entry of the job, in order. The recording one keeps them for assertions;
/// a Pub/Sub one publishes them into the emulator.
/// </summary>
public interface IBatchNotifier
{
    /// <summary>Delivers one notification.</summary>
    Task NotifyAsync(BatchNotification notification, CancellationToken cancellationToken);
}
