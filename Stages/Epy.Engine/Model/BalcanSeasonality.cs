namespace Epy.Engine.Model;

/// <summary>The per-step factors of a <see cref="Seasonality"/> (Balcan et al. 2010).</summary>
internal static class BalcanSeasonality
{
    private const double DaysPerYear = 365.0;

    /// <summary>
    /// Factor for step t: <c>max·((1−r)·cos(2π(d − d_max)/P) + 1 + r)/2</c> with r = min/max,
    /// d = days from the grid start to step t, d_max = days from the grid start to the peak date
    /// (negative when the peak precedes the start), P = 365 or 2·(min date − max date).
    /// </summary>
    public static double[] Factors(Seasonality seasonality, TimeGrid grid)
    {
        ArgumentNullException.ThrowIfNull(seasonality);
        ArgumentNullException.ThrowIfNull(grid);
        var factors = new double[grid.Steps];
        Fill(seasonality, seasonality.MinValue, grid, factors);
        return factors;
    }

    /// <summary>
    /// The factors of <paramref name="seasonality"/> with the minimum <paramref name="min"/> in its
    /// place, into <paramref name="factors"/> (one per step of <paramref name="grid"/>), without allocating.
    /// </summary>
    public static void Fill(Seasonality seasonality, double min, TimeGrid grid, Span<double> factors)
    {
        var max = seasonality.MaxValue;
        if (!double.IsFinite(max) || max <= 0)
            throw new ModelValidationException("seasonality.max_value", $"must be a positive number, got {max}");
        if (!double.IsFinite(min) || min < 0 || min > max)
            throw new ModelValidationException("seasonality.min_value", $"must be between 0 and max_value ({max}), got {min}");
        var period = DaysPerYear;
        if (seasonality.MinDate is { } minDate)
        {
            var gap = minDate.DayNumber - seasonality.MaxDate.DayNumber;
            if (gap == 0)
                throw new ModelValidationException("seasonality.min_date", $"{minDate:yyyy-MM-dd} is the max_date; the half period between them must not be zero");
            period = 2.0 * gap;
        }
        var ratio = min / max;
        double peak = seasonality.MaxDate.DayNumber - grid.Start.DayNumber;
        for (var t = 0; t < factors.Length; t++)
        {
            var d = grid.DaysSinceStart(t);
            factors[t] = max * ((1 - ratio) * Math.Cos(2 * Math.PI * (d - peak) / period) + 1 + ratio) / 2;
        }
    }
}
