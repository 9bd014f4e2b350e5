using System.Globalization;

namespace Epy.Engine.Sampling;

/// <summary>
/// The discrete uniform distribution on the integers <paramref name="Low"/>..<paramref name="High"/>−1,
/// as scipy's <c>randint(low, high)</c> and numpy's <c>integers(low, high)</c>: the upper end is excluded.
/// </summary>
/// <param name="Low">The smallest value.</param>
/// <param name="High">One more than the largest value; greater than <paramref name="Low"/>.</param>
public sealed record RandInt(long Low, long High) : Distribution
{
    /// <summary>
    /// The largest magnitude allowed for either end (2^53), so that every value is exactly a double.
    /// </summary>
    public const long MaxMagnitude = 1L << 53;

    /// <inheritdoc/>
    public override bool IsInteger => true;

    /// <summary>The number of distinct values, <c>High − Low</c>.</summary>
    public long Count => High - Low;

    /// <summary>
    /// <c>Low + ⌊u·(High − Low)⌋</c>, clamped to <c>High − 1</c> (reached only at u = 1): each of the
    /// <see cref="Count"/> values takes an equal share of [0, 1).
    /// </summary>
    public override double Quantile(double u)
    {
        RequireProbability(u);
        var offset = Math.Min(Math.Floor(u * Count), Count - 1);
        return Low + offset;
    }

    /// <inheritdoc/>
    public override void Validate(string field)
    {
        if (Low < -MaxMagnitude || Low > MaxMagnitude || High < -MaxMagnitude || High > MaxMagnitude)
            throw new ModelValidationException(field, $"randint bounds must lie within ±2^53, got [{Format(Low)}, {Format(High)})");
        if (Low >= High)
            throw new ModelValidationException(field, $"randint low ({Format(Low)}) must be less than high ({Format(High)}), which is excluded");
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
