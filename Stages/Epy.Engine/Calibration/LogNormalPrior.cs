using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Calibration;

/// <summary>
/// scipy's <c>lognorm(s, loc, scale)</c>: <c>loc + scale · e^(s·Z)</c> with Z standard normal, so
/// <see cref="Scale"/> is e^μ of the underlying normal and <see cref="S"/> its standard deviation σ.
/// The support is (loc, +∞).
/// </summary>
public sealed record LogNormalPrior : Prior
{
    /// <summary>The log-normal distribution of <paramref name="loc"/> + <paramref name="scale"/> · e^(<paramref name="s"/>·Z).</summary>
    /// <exception cref="ArgumentException">
    /// A parameter is not finite, <paramref name="s"/> or <paramref name="scale"/> is not positive, or
    /// the median <c>loc + scale</c> is not a finite double above loc.
    /// </exception>
    public LogNormalPrior(double s, double loc = 0.0, double scale = 1.0)
    {
        PriorArgument.RequirePositive(s, "lognorm", "s");
        PriorArgument.RequireFinite(loc, "lognorm", "loc");
        PriorArgument.RequirePositive(scale, "lognorm", "scale");
        // The median loc + scale must be a double above loc, or draws could round onto loc forever.
        PriorArgument.RequireRepresentable(loc, loc + scale, "lognorm");
        S = s;
        Loc = loc;
        Scale = scale;
    }

    /// <summary>The shape: the standard deviation of ln((x − loc)/scale), positive.</summary>
    public double S { get; }

    /// <summary>The shift: the (excluded) lower end of the support.</summary>
    public double Loc { get; }

    /// <summary>The scale: the median of x − loc, positive.</summary>
    public double Scale { get; }

    /// <summary>loc, which itself has density 0.</summary>
    public override double Lower => Loc;

    /// <inheritdoc/>
    public override double Upper => double.PositiveInfinity;

    /// <summary>
    /// <c>loc + scale · e^(s·Φ⁻¹(u))</c> with u uniform in (0, 1). A draw that rounds onto loc or
    /// overflows (only with extreme s or scale) is drawn again, so every draw is finite and inside
    /// the support.
    /// </summary>
    public override double Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        while (true)
        {
            var x = Loc + Scale * PortableMath.Exp(S * StandardNormal.InverseCdf(rng.NextOpenDouble()));
            if (x > Loc && x < double.PositiveInfinity)
                return x;
        }
    }

    /// <summary>φ(ln(y)/s) / (s · y · scale) with y = (x − loc)/scale, for x &gt; loc; 0 elsewhere.</summary>
    public override double Density(double x)
    {
        if (!(x > Loc))
            return 0.0;
        var y = (x - Loc) / Scale;
        if (!(y > 0.0 && y < double.PositiveInfinity))
            return 0.0;
        return StandardNormal.Density(PortableMath.Log(y) / S) / (S * y * Scale);
    }
}
