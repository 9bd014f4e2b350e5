namespace Epy.Engine.Calibration;

/// <summary>Quantiles as numpy's default (<c>method="linear"</c>): interpolate between order statistics.</summary>
internal static class LinearQuantile
{
    /// <summary>The <paramref name="level"/> quantile of <paramref name="values"/> (NaN counted as +∞).</summary>
    public static double Of(ReadOnlySpan<double> values, double level)
    {
        if (values.IsEmpty)
            throw new ArgumentException("the quantile of nothing is undefined", nameof(values));
        var sorted = Sorted(values);
        var position = level * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var (a, b) = (sorted[below], sorted[above]);
        return a == b ? a : a + (position - below) * (b - a);
    }

    /// <summary>A sorted copy, NaN replaced by +∞ so that it sorts last.</summary>
    public static double[] Sorted(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (double.IsNaN(sorted[i]))
                sorted[i] = double.PositiveInfinity;
        }
        Array.Sort(sorted);
        return sorted;
    }
}
