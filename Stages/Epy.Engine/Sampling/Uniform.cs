using System.Globalization;

namespace Epy.Engine.Sampling;

/// <summary>
/// The continuous uniform distribution on [<paramref name="Low"/>, <paramref name="High"/>]. Note that
/// scipy's <c>uniform(loc, scale)</c> is <c>Uniform(loc, loc + scale)</c>.
/// </summary>
/// <param name="Low">The lower end, finite.</param>
/// <param name="High">The upper end, finite and greater than <paramref name="Low"/>.</param>
public sealed record Uniform(double Low, double High) : Distribution
{
    /// <inheritdoc/>
    public override double Quantile(double u)
    {
        RequireProbability(u);
        return Math.Min(Low + u * (High - Low), High);
    }

    /// <inheritdoc/>
    public override void Validate(string field)
    {
        RequireFinite(Low, "low", field);
        RequireFinite(High, "high", field);
        if (!(Low < High))
            throw new ModelValidationException(field, $"uniform low ({Format(Low)}) must be less than high ({Format(High)})");
        if (!double.IsFinite(High - Low))
            throw new ModelValidationException(field, $"uniform range [{Format(Low)}, {Format(High)}] is too wide to represent");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
