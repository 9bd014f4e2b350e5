using System.Diagnostics;
using System.Globalization;

namespace Epy.Bench.Load;

/// <summary>Samples the process's managed heap and working set every 100 ms while a scenario runs.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(long Heap, long WorkingSet)> _samples = [];
    private readonly Task _loop;

    public MemorySampler() => _loop = LoopAsync();

    /// <summary>The heap and working set now, after a full collection (what is really held).</summary>
    public static (long Heap, long WorkingSet) Settled()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }

    public (long Heap, long WorkingSet) Peak
    {
        get
        {
            lock (_samples)
                return _samples.Count == 0 ? (0, 0) : (_samples.Max(s => s.Heap), _samples.Max(s => s.WorkingSet));
        }
    }

    public static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    private async Task LoopAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            process.Refresh();
            lock (_samples)
                _samples.Add((GC.GetTotalMemory(false), process.WorkingSet64));
            try
            {
                await Task.Delay(100, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
