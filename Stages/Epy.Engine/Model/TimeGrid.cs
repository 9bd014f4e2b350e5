namespace Epy.Engine.Model;

/// <summary>
/// The simulation's time steps, as epydemix makes them: dates <c>start + k·dt</c> for
/// k = 0..K with K = floor((end − start) / dt), so both ends are included when dt divides the span
/// (2024-10-15..2025-05-31 at dt = 1 gives 229 steps). Step t's flows and end-of-step state are
/// reported on its date.
/// </summary>
public sealed class TimeGrid
{
    private const double Tolerance = 1e-9;

    /// <summary>Creates the grid from <paramref name="start"/> to <paramref name="end"/> with step <paramref name="dt"/> days.</summary>
    public TimeGrid(DateOnly start, DateOnly end, double dt = 1.0)
    {
        if (!(dt > 0) || double.IsInfinity(dt))
            throw new ModelValidationException("timespan.delta_t", $"must be a positive number of days, got {dt}");
        if (end < start)
            throw new ModelValidationException("timespan.end_date", $"{end:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}");
        Start = start;
        End = end;
        Dt = dt;
        Steps = (int)Math.Floor((end.DayNumber - start.DayNumber) / dt + Tolerance) + 1;
        var dates = new DateOnly[Steps];
        for (var t = 0; t < Steps; t++)
            dates[t] = start.AddDays((int)Math.Floor(t * dt + Tolerance));
        Dates = dates;
    }

    /// <summary>The first date (step 0).</summary>
    public DateOnly Start { get; }

    /// <summary>The last date asked for; the last step falls on or before it.</summary>
    public DateOnly End { get; }

    /// <summary>The step length in days.</summary>
    public double Dt { get; }

    /// <summary>The number of steps T.</summary>
    public int Steps { get; }

    /// <summary>The calendar date of every step (several steps share a date when dt &lt; 1).</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Days from the start to step <paramref name="step"/> (t·dt).</summary>
    public double DaysSinceStart(int step) => step * Dt;

    /// <summary>
    /// The steps whose dates fall in [<paramref name="from"/>, <paramref name="to"/>] (both included),
    /// as a half-open range [first, last + 1); empty when the range misses the grid.
    /// </summary>
    public (int First, int EndExclusive) StepsBetween(DateOnly from, DateOnly to)
    {
        var first = 0;
        while (first < Steps && Dates[first] < from)
            first++;
        var end = first;
        while (end < Steps && Dates[end] <= to)
            end++;
        return (first, end);
    }
}
