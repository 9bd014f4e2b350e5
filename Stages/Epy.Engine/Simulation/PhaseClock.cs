using System.Diagnostics;

namespace Epy.Engine.Simulation;

/// <summary>
/// Where a <see cref="Simulator"/>'s time goes, for the bench's profile: the ticks spent in each
/// <see cref="SimulationPhase"/> since the clock was made. Each lap costs a timestamp (tens of
/// nanoseconds), so a profiled run is slower than a plain one; the shares are what it is for.
/// </summary>
internal sealed class PhaseClock
{
    private readonly long[] _ticks = new long[Enum.GetValues<SimulationPhase>().Length];
    private long _last;

    /// <summary>Starts timing from now.</summary>
    public void Start() => _last = Stopwatch.GetTimestamp();

    /// <summary>Charges the time since the last lap to <paramref name="phase"/>.</summary>
    public void Lap(SimulationPhase phase)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[(int)phase] += now - _last;
        _last = now;
    }

    /// <summary>The seconds charged to <paramref name="phase"/>.</summary>
    public double Seconds(SimulationPhase phase) => (double)_ticks[(int)phase] / Stopwatch.Frequency;
}
