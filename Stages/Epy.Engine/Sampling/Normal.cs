using System.Globalization;

namespace Epy.Engine.Sampling;

/// <summary>The normal distribution with mean <paramref name="Mean"/> and standard deviation <paramref name="StdDev"/>.</summary>
/// <param name="Mean">The mean (scipy's <c>loc</c>), finite.</param>
/// <param name="StdDev">The standard deviation (scipy's <c>scale</c>), finite and positive.</param>
public sealed record Normal(double Mean, double StdDev) : Distribution
{
    /// <summary><c>Mean + StdDev · Φ⁻¹(u)</c>; −∞ at u = 0 and +∞ at u = 1.</summary>
    public override double Quantile(double u)
    {
        RequireProbability(u);
        return Mean + StdDev * StandardNormal.InverseCdf(u);
    }

    /// <inheritdoc/>
    public override void Validate(string field)
    {
        RequireFinite(Mean, "mean", field);
        RequireFinite(StdDev, "standard deviation", field);
        if (!(StdDev > 0.0))
            throw new ModelValidationException(field, $"normal standard deviation must be positive, got {StdDev.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
