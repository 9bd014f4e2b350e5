using System.Globalization;

namespace Epy.Engine.Calibration;

/// <summary>
/// The distances a calibration can name: <c>rmse</c> (the default), <c>mae</c>, <c>mape</c> and
/// <c>wmape</c>. Each takes two series of equal, non-zero length and allocates nothing; a NaN in
/// either series makes the distance NaN (which no tolerance accepts).
/// </summary>
public static class Distances
{
    /// <summary>The name used when a configuration names none.</summary>
    public const string DefaultName = "rmse";

    private static readonly (string Name, DistanceFunction Function)[] Known =
    [
        ("rmse", Rmse),
        ("mae", Mae),
        ("mape", Mape),
        ("wmape", Wmape),
    ];

    /// <summary>The names <see cref="Resolve"/> understands.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Known, known => known.Name);

    /// <summary>
    /// The distance called <paramref name="name"/> (case-insensitive); <c>rmse</c> when
    /// <paramref name="name"/> is null, empty or blank.
    /// </summary>
    /// <exception cref="ModelValidationException">The name is not one of <see cref="Names"/>; names <paramref name="field"/>.</exception>
    public static DistanceFunction Resolve(string? name, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var wanted = string.IsNullOrWhiteSpace(name) ? DefaultName : name.Trim();
        foreach (var (knownName, function) in Known)
        {
            if (string.Equals(knownName, wanted, StringComparison.OrdinalIgnoreCase))
                return function;
        }
        throw new ModelValidationException(field, $"distance '{name}' is unknown; expected one of {string.Join(", ", Names)}");
    }

    /// <summary>Root mean square error: √(mean((o − s)²)).</summary>
    /// <exception cref="ArgumentException">The series are empty or of different lengths.</exception>
    public static double Rmse(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        RequireComparable(observed, simulated);
        var sum = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var error = observed[i] - simulated[i];
            sum += error * error;
        }
        return Math.Sqrt(sum / observed.Length);
    }

    /// <summary>Mean absolute error: mean(|o − s|).</summary>
    /// <exception cref="ArgumentException">The series are empty or of different lengths.</exception>
    public static double Mae(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        RequireComparable(observed, simulated);
        var sum = 0.0;
        for (var i = 0; i < observed.Length; i++)
            sum += Math.Abs(observed[i] - simulated[i]);
        return sum / observed.Length;
    }

    /// <summary>
    /// Mean absolute percentage error, as a fraction: mean(|o − s| / |o|) over the points where the
    /// observation is not 0; those points are skipped, since any error there is an infinite percentage.
    /// When every observation is 0 there is nothing to average: the distance is then 0 if the
    /// simulation is 0 everywhere too and +∞ otherwise, as for <see cref="Wmape"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The series are empty or of different lengths.</exception>
    public static double Mape(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        RequireComparable(observed, simulated);
        var sum = 0.0;
        var counted = 0;
        var skippedError = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var error = Math.Abs(observed[i] - simulated[i]);
            if (observed[i] == 0.0)
            {
                skippedError += error;
                continue;
            }
            sum += error / Math.Abs(observed[i]);
            counted++;
        }
        if (double.IsNaN(skippedError))
            return double.NaN;
        if (counted == 0)
            return skippedError == 0.0 ? 0.0 : double.PositiveInfinity;
        return sum / counted;
    }

    /// <summary>
    /// Weighted mean absolute percentage error: Σ|o − s| / Σ|o|, so large observations weigh more and
    /// zeros need no special case. When Σ|o| = 0 the distance is 0 if every error is 0 and +∞ otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">The series are empty or of different lengths.</exception>
    public static double Wmape(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        RequireComparable(observed, simulated);
        var errors = 0.0;
        var total = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            errors += Math.Abs(observed[i] - simulated[i]);
            total += Math.Abs(observed[i]);
        }
        if (total == 0.0)
            return errors == 0.0 || double.IsNaN(errors) ? errors : double.PositiveInfinity;
        return errors / total;
    }

    private static void RequireComparable(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated)
    {
        if (observed.Length != simulated.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"a distance compares series of equal length, but the observed series has {observed.Length} points and the simulated one {simulated.Length}"));
        }
        if (observed.Length == 0)
            throw new ArgumentException("a distance needs at least one point, but both series are empty");
    }
}
