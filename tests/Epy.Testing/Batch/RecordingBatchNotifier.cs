namespace Epy.Testing.Batch;

/// <summary>Keeps every notification, and lets a test wait for one.</summary>
public sealed class RecordingBatchNotifier : IBatchNotifier
{
    private readonly List<BatchNotification> _received = [];

    /// <summary>What has arrived so far, in order.</summary>
    public IReadOnlyList<BatchNotification> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    /// <inheritdoc />
    public Task NotifyAsync(BatchNotification notification, CancellationToken cancellationToken)
    {
        lock (_received)
            _received.Add(notification);
        return Task.CompletedTask;
    }

    /// <summary>Waits until a notification matches <paramref name="match"/>, failing after <paramref name="timeout"/>.</summary>
    public async Task<BatchNotification> WaitForAsync(Func<BatchNotification, bool> match, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (Received.FirstOrDefault(match) is { } found)
                return found;
            if (waited.Elapsed > timeout)
                throw new TimeoutException($"no matching notification within {timeout}; received: {string.Join(", ", Received.Select(n => n.NewJobState))}");
            await Task.Delay(10);
        }
    }
}
