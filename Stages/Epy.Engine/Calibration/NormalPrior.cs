using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Calibration;

/// <summary>scipy's <c>norm(loc, scale)</c>: the normal distribution with mean loc and standard deviation scale.</summary>
public sealed record NormalPrior : Prior
{
    /// <summary>The normal distribution N(<paramref name="loc"/>, <paramref name="scale"/>²).</summary>
    /// <exception cref="ArgumentException">A parameter is not finite or the scale is not positive.</exception>
    public NormalPrior(double loc = 0.0, double scale = 1.0)
    {
        PriorArgument.RequireFinite(loc, "norm", "loc");
        PriorArgument.RequirePositive(scale, "norm", "scale");
        Loc = loc;
        Scale = scale;
    }

    /// <summary>The mean.</summary>
    public double Loc { get; }

    /// <summary>The standard deviation, positive.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double Lower => double.NegativeInfinity;

    /// <inheritdoc/>
    public override double Upper => double.PositiveInfinity;

    /// <summary><c>loc + scale · Φ⁻¹(u)</c> with u uniform in (0, 1), never 0 or 1, so the quantile is finite.</summary>
    public override double Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Loc + Scale * StandardNormal.InverseCdf(rng.NextOpenDouble());
    }

    /// <summary>φ((x − loc)/scale)/scale; 0 at ±∞ and for NaN.</summary>
    public override double Density(double x) =>
        double.IsNaN(x) ? 0.0 : StandardNormal.Density((x - Loc) / Scale) / Scale;
}
