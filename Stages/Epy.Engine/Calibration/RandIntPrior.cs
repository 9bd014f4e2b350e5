using System.Globalization;
using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// scipy's <c>randint(low, high)</c>: the discrete uniform distribution on the integers
/// <see cref="Low"/>..<see cref="High"/> − 1 (the upper end is excluded, as in numpy).
/// </summary>
public sealed record RandIntPrior : Prior
{
    /// <summary>The largest magnitude allowed for either end (2^53), so that every value is exactly a double.</summary>
    public const long MaxMagnitude = 1L << 53;

    private readonly double _mass;

    /// <summary>The integers <paramref name="low"/>..<paramref name="high"/> − 1, each with probability 1/(high − low).</summary>
    /// <exception cref="ArgumentException">An end lies beyond ±2^53, or <paramref name="low"/> ≥ <paramref name="high"/>.</exception>
    public RandIntPrior(long low, long high)
    {
        if (low < -MaxMagnitude || low > MaxMagnitude || high < -MaxMagnitude || high > MaxMagnitude)
            throw new ArgumentException($"randint bounds must lie within ±2^53, got [{Format(low)}, {Format(high)})");
        if (low >= high)
            throw new ArgumentException($"randint low ({Format(low)}) must be less than high ({Format(high)}), which is excluded");
        Low = low;
        High = high;
        _mass = 1.0 / (high - low);
    }

    /// <summary>The smallest value.</summary>
    public long Low { get; }

    /// <summary>One more than the largest value.</summary>
    public long High { get; }

    /// <summary>The number of values, <c>High − Low</c>.</summary>
    public long Count => High - Low;

    /// <inheritdoc/>
    public override bool IsDiscrete => true;

    /// <inheritdoc/>
    public override double Lower => Low;

    /// <inheritdoc/>
    public override double Upper => High - 1;

    /// <summary>An integer drawn without modulo bias (<see cref="Xoshiro256.NextInt64"/>).</summary>
    public override double Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Low + rng.NextInt64(Count);
    }

    /// <summary>The probability mass: 1/(high − low) at the integers of the support, 0 elsewhere (including between them).</summary>
    public override double Density(double x) =>
        x >= Lower && x <= Upper && Math.Floor(x) == x ? _mass : 0.0;

    /// <summary>
    /// <paramref name="value"/> as an integer end of a randint, for arguments read as numbers.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not an integer within ±2^53.</exception>
    internal static long ToBound(double value, string name)
    {
        if (!double.IsFinite(value) || Math.Floor(value) != value)
            throw new ArgumentException($"randint {name} must be an integer, got {PriorArgument.Format(value)}");
        if (Math.Abs(value) > MaxMagnitude)
            throw new ArgumentException($"randint {name} must lie within ±2^53, got {PriorArgument.Format(value)}");
        return (long)value;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
