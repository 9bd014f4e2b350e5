namespace Epy.Stages.Outputs;

/// <summary>
/// Quantiles as numpy computes them by default (<c>np.quantile(..., method="linear")</c>, Hyndman and
/// Fan's type 7): interpolate linearly between the order statistics around <c>(n − 1)·level</c>.
/// </summary>
public static class Quantiles
{
    /// <summary>
    /// The 23 quantile levels FluSight asks for: 0.01, 0.025, 0.05, 0.10, …, 0.95 (steps of 0.05),
    /// 0.975 and 0.99, in increasing order.
    /// </summary>
    public static IReadOnlyList<double> FluSightLevels { get; } =
    [
        0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5,
        0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99,
    ];

    /// <summary>
    /// The <paramref name="level"/> quantile of <paramref name="sorted"/>, which must be sorted in
    /// increasing order and free of NaN (use <see cref="Of"/> otherwise).
    /// </summary>
    /// <param name="sorted">The sample, sorted in increasing order.</param>
    /// <param name="level">The quantile level, in [0, 1].</param>
    /// <exception cref="ArgumentException">The sample is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is outside [0, 1] or NaN.</exception>
    public static double Linear(ReadOnlySpan<double> sorted, double level)
    {
        if (sorted.IsEmpty)
            throw new ArgumentException("the quantile of an empty sample is undefined", nameof(sorted));
        if (!(level is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "a quantile level lies in [0, 1]");

        var position = (sorted.Length - 1) * level;
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        var gamma = position - below;
        var (a, b) = (sorted[below], sorted[above]);
        if (a == b)
            return a;
        // numpy's _lerp: from b's side when gamma ≥ 0.5, so that the result matches numpy bit for bit.
        var difference = b - a;
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
    }

    /// <summary>
    /// The quantiles of an unsorted sample at <paramref name="levels"/> (any order), made
    /// non-decreasing in the level (a running maximum absorbs rounding). Any NaN in the sample makes every quantile
    /// NaN, as in numpy.
    /// </summary>
    /// <exception cref="ArgumentException">The sample is empty.</exception>
    public static double[] Of(ReadOnlySpan<double> values, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (values.IsEmpty)
            throw new ArgumentException("the quantile of an empty sample is undefined", nameof(values));
        var result = new double[levels.Count];
        if (HasNaN(values))
        {
            Array.Fill(result, double.NaN);
            return result;
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        // Levels may come in any order (output.quantiles.selections as written): the running maximum
        // runs over increasing levels, each result lands at its level's position.
        var order = Enumerable.Range(0, levels.Count).OrderBy(k => levels[k]).ToArray();
        var previous = double.NegativeInfinity;
        foreach (var k in order)
        {
            var value = Math.Max(Linear(sorted, levels[k]), previous);
            result[k] = value;
            previous = value;
        }
        return result;
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (double.IsNaN(value))
                return true;
        }
        return false;
    }
}
