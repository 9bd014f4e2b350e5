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
        CheckRange(seasonality.MaxValue, seasonality.MinValue);
        var factors = Cosines(seasonality, grid);
        Fill(seasonality, seasonality.MinValue, factors, factors);
        return factors;
    }

    /// <summary>The term cos(2π(d − d_max)/P) of every step of <paramref name="grid"/>: what the factors share whatever the minimum.</summary>
    public static double[] Cosines(Seasonality seasonality, TimeGrid grid)
    {
        var period = DaysPerYear;
        if (seasonality.MinDate is { } minDate)
        {
            var gap = minDate.DayNumber - seasonality.MaxDate.DayNumber;
            if (gap == 0)
                throw new ModelValidationException("seasonality.min_date", $"{minDate:yyyy-MM-dd} is the max_date; the half period between them must not be zero");
            period = 2.0 * gap;
        }
        double peak = seasonality.MaxDate.DayNumber - grid.Start.DayNumber;
        var cosines = new double[grid.Steps];
        for (var t = 0; t < cosines.Length; t++)
            cosines[t] = Math.Cos(2 * Math.PI * (grid.DaysSinceStart(t) - peak) / period);
        return cosines;
    }

    /// <summary>
    /// The factors of <paramref name="seasonality"/> with the minimum <paramref name="min"/> in its
    /// place, from its <see cref="Cosines"/> into <paramref name="factors"/> (which may be the same
    /// span), without allocating.
    /// </summary>
    public static void Fill(Seasonality seasonality, double min, ReadOnlySpan<double> cosines, Span<double> factors)
    {
        var max = seasonality.MaxValue;
        CheckRange(max, min);
        var ratio = min / max;
        for (var t = 0; t < factors.Length; t++)
            factors[t] = max * ((1 - ratio) * cosines[t] + 1 + ratio) / 2;
    }

    private static void CheckRange(double max, double min)
    {
        if (!double.IsFinite(max) || max <= 0)
            throw new ModelValidationException("seasonality.max_value", $"must be a positive number, got {max}");
        if (!double.IsFinite(min) || min < 0 || min > max)
            throw new ModelValidationException("seasonality.min_value", $"must be between 0 and max_value ({max}), got {min}");
    }
}
