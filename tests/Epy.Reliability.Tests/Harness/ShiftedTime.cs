namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// The orchestrator's clock in the suite: the wall clock moved forward by whatever <see cref="Advance"/>
/// added, so a run's 1-hour deadline can pass in a test that lasts seconds. Timers and delays (retries,
/// backoff) still run on the wall clock; FakeTimeProvider would stall them, since nothing here advances
/// time while the orchestrator waits.
/// </summary>
public sealed class ShiftedTime : TimeProvider
{
    private long _shiftTicks;

    /// <summary>How far the clock has been moved.</summary>
    public TimeSpan Shift => TimeSpan.FromTicks(Interlocked.Read(ref _shiftTicks));

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _shiftTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}
