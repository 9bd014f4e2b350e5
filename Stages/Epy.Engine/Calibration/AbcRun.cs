using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Epy.Engine.Calibration;

/// <summary>
/// What every ABC algorithm needs while it runs: the priors, the seed, the clock and wall-time
/// budget, and parallel loops that hand each thread a lane (a worker and a generator,
/// <see cref="AbcLane"/>). Lanes are pooled for the whole run, so <see cref="IDistanceModel.CreateWorker"/>
/// is called about once per thread; workers are disposed at the end if they are disposable.
/// </summary>
internal sealed class AbcRun : IDisposable
{
    private readonly IDistanceModel _model;
    private readonly ConcurrentBag<AbcLane> _idle = [];
    private readonly List<AbcLane> _created = [];
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly TimeSpan? _maxTime;
    private readonly int _threads;
    private readonly ParallelOptions _parallel;

    public AbcRun(IReadOnlyList<CalibratedQuantity> quantities, IDistanceModel model, AbcOptions options, ulong seed,
        TimeProvider time, CancellationToken cancellationToken)
    {
        Quantities = [.. quantities];
        Priors = CheckedPriors(Quantities);
        _model = model;
        Seed = seed;
        _time = time;
        _start = time.GetTimestamp();
        _maxTime = options.MaxTime;
        _threads = options.Threads;
        Cancellation = cancellationToken;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
    }

    public CalibratedQuantity[] Quantities { get; }

    public Prior[] Priors { get; }

    /// <summary>The number of values in θ.</summary>
    public int Width => Priors.Length;

    public ulong Seed { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Told each completed generation; null for none.</summary>
    public IProgress<CalibrationGeneration>? Progress { get; init; }

    /// <summary>True once the wall-time budget is spent; timing-dependent by nature.</summary>
    public bool TimeUp() => _maxTime is { } max && _time.GetElapsedTime(_start) >= max;

    public long Timestamp() => _time.GetTimestamp();

    public double SecondsSince(long timestamp) => _time.GetElapsedTime(timestamp).TotalSeconds;

    /// <summary>
    /// Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/> on up to Threads threads (in
    /// order on this thread when Threads is 1), each thread with its own lane. Once a body returns
    /// false, indices not yet started are skipped (some may already have run, in any order).
    /// </summary>
    public void ForEach(int count, Func<int, AbcLane, bool> body)
    {
        if (_threads == 1)
        {
            var lane = Rent();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    if (!body(i, lane))
                        break;
                }
            }
            finally
            {
                _idle.Add(lane);
            }
        }
        else
        {
            Unwrapped(() => Parallel.For(0, count, _parallel, Rent,
                (i, state, lane) =>
                {
                    if (!body(i, lane))
                        state.Stop();
                    return lane;
                },
                _idle.Add));
        }
        Cancellation.ThrowIfCancellationRequested();
    }

    /// <summary>Runs <paramref name="body"/> for 0 ≤ i &lt; <paramref name="count"/> on up to Threads threads, without workers.</summary>
    public void ForEach(int count, Action<int> body)
    {
        if (_threads == 1)
        {
            for (var i = 0; i < count; i++)
                body(i);
        }
        else
            Unwrapped(() => Parallel.For(0, count, _parallel, body));
    }

    public CalibrationResult Result(AbcStrategy strategy, CalibrationStopReason reason, IEnumerable<CalibrationGeneration> generations) =>
        new(strategy, [.. Quantities.Select(q => q.Name)], [.. Quantities.Select(q => q.Target)], reason, [.. generations]);

    public void Dispose()
    {
        foreach (var lane in _created)
            (lane.Worker as IDisposable)?.Dispose();
        _created.Clear();
    }

    private AbcLane Rent()
    {
        if (_idle.TryTake(out var lane))
            return lane;
        lane = new AbcLane(_model.CreateWorker());
        lock (_created)
            _created.Add(lane);
        return lane;
    }

    /// <summary>Rethrows a worker's exception as itself rather than wrapped in an <see cref="AggregateException"/>.</summary>
    private static void Unwrapped(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    private static Prior[] CheckedPriors(CalibratedQuantity[] quantities)
    {
        if (quantities.Length == 0)
            throw new ArgumentException("calibration needs at least one quantity", nameof(quantities));
        var priors = new Prior[quantities.Length];
        for (var q = 0; q < quantities.Length; q++)
        {
            var prior = quantities[q].Prior;
            if (prior.IsDiscrete && !(double.IsFinite(prior.Lower) && double.IsFinite(prior.Upper)
                && prior.Lower == Math.Floor(prior.Lower) && prior.Upper == Math.Floor(prior.Upper) && prior.Lower <= prior.Upper))
            {
                throw new ArgumentException($"quantity '{quantities[q].Name}': a discrete prior needs a finite integer support, got [{prior.Lower}, {prior.Upper}]", nameof(quantities));
            }
            priors[q] = prior;
        }
        return priors;
    }
}
