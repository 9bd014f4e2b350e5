using System.Collections.Concurrent;
using Epy.Contracts.Runs;

namespace Epy.Reliability.Tests.Faults;

/// <summary>Counts what was injected, what was absorbed, and how long dropped events took to heal.</summary>
public sealed class FaultLedger
{
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private readonly ConcurrentDictionary<string, int> _absorbed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _maxHealPasses;
    private double _maxHealMs;
    private int _healed;

    private readonly ConcurrentDictionary<RunId, int> _touched = new();

    /// <summary>Counts one injected fault of <paramref name="kind"/>.</summary>
    public void Inject(FaultKind kind) => _faults.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <summary>Counts one injected fault of <paramref name="kind"/> that hit <paramref name="run"/>.</summary>
    public void Inject(FaultKind kind, RunId run)
    {
        Inject(kind);
        _touched.AddOrUpdate(run, 1, (_, n) => n + 1);
    }

    /// <summary>True when a fault was seen hitting <paramref name="run"/> (notifications, kills, job failures; HTTP faults are not attributed).</summary>
    public bool Touched(RunId run) => _touched.ContainsKey(run);

    /// <summary>How many faults of <paramref name="kind"/> were injected.</summary>
    public int Count(FaultKind kind) => _faults.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>Every fault count.</summary>
    public int Total => _faults.Values.Sum();

    /// <summary>Counts one duplicate the system absorbed (a repeated delivery ignored, a repeated create answered with the same job).</summary>
    public void Absorb(string what) => _absorbed.AddOrUpdate(what, 1, (_, n) => n + 1);

    private readonly ConcurrentDictionary<string, int> _observed = new(StringComparer.Ordinal);

    /// <summary>Counts something the real services did on their own (not injected).</summary>
    public void Observe(string what) => _observed.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>What the real services did on their own, by what.</summary>
    public IReadOnlyDictionary<string, int> Observed => _observed;

    /// <summary>The duplicates absorbed, by what.</summary>
    public IReadOnlyDictionary<string, int> Absorbed => _absorbed;

    /// <summary>Records that a dropped event was healed after <paramref name="passes"/> reconciler passes and <paramref name="elapsed"/>.</summary>
    public void Healed(int passes, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _healed++;
            _maxHealPasses = Math.Max(_maxHealPasses, passes);
            _maxHealMs = Math.Max(_maxHealMs, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Dropped events seen healed.</summary>
    public int HealedDrops
    {
        get
        {
            lock (_gate)
                return _healed;
        }
    }

    /// <summary>The most reconciler passes a dropped event waited for.</summary>
    public int MaxHealPasses
    {
        get
        {
            lock (_gate)
                return _maxHealPasses;
        }
    }

    /// <summary>The longest wall time a dropped event waited for.</summary>
    public double MaxHealMs
    {
        get
        {
            lock (_gate)
                return _maxHealMs;
        }
    }
}
