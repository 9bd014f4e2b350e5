using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Calibration;

/// <summary>
/// scipy's <c>truncnorm(a, b, loc, scale)</c>: N(loc, scale²) restricted to
/// [loc + a·scale, loc + b·scale]. As in scipy, <see cref="A"/> and <see cref="B"/> are in standard
/// units (so many standard deviations from loc), not bounds on the value itself. a may be −∞ and b
/// +∞ (scipy's <c>-inf</c>, <c>inf</c>), for a normal cut on one side only.
/// </summary>
public sealed record TruncatedNormalPrior : Prior
{
    // Φ(a), Φ(−b) = 1 − Φ(b) and the mass Φ(b) − Φ(a), each computed where it has all its digits:
    // far in either tail a difference of tail probabilities, never 1 minus something.
    private readonly double _lowerCdf;
    private readonly double _upperTail;
    private readonly double _mass;
    private readonly double _densityDivisor;

    /// <summary>N(<paramref name="loc"/>, <paramref name="scale"/>²) restricted to [loc + a·scale, loc + b·scale].</summary>
    /// <exception cref="ArgumentException">
    /// loc or scale is not finite, scale is not positive, a or b is NaN (or a = +∞, b = −∞), a ≥ b, the
    /// support cannot be represented, or its normal probability underflows (both ends beyond about 37
    /// standard deviations on the same side).
    /// </exception>
    public TruncatedNormalPrior(double a, double b, double loc = 0.0, double scale = 1.0)
    {
        if (double.IsNaN(a) || a == double.PositiveInfinity)
            throw new ArgumentException($"truncnorm a must be a number or -inf, got {PriorArgument.Format(a)}");
        if (double.IsNaN(b) || b == double.NegativeInfinity)
            throw new ArgumentException($"truncnorm b must be a number or inf, got {PriorArgument.Format(b)}");
        if (!(a < b))
            throw new ArgumentException($"truncnorm a ({PriorArgument.Format(a)}) must be less than b ({PriorArgument.Format(b)}); both are in standard deviations from loc");
        PriorArgument.RequireFinite(loc, "truncnorm", "loc");
        PriorArgument.RequirePositive(scale, "truncnorm", "scale");

        var lower = double.IsNegativeInfinity(a) ? a : loc + a * scale;
        var upper = double.IsPositiveInfinity(b) ? b : loc + b * scale;
        if ((double.IsFinite(a) && !double.IsFinite(lower)) || (double.IsFinite(b) && !double.IsFinite(upper)))
            throw new ArgumentException($"truncnorm support [{PriorArgument.Format(lower)}, {PriorArgument.Format(upper)}] is too wide to represent");
        if (!(lower < upper))
            throw new ArgumentException($"truncnorm support collapses to the single value {PriorArgument.Format(lower)} in double precision; its scale is too small next to loc");

        _lowerCdf = StandardNormal.Cdf(a);
        _upperTail = StandardNormal.Cdf(-b);
        _mass = a >= 0.0 ? StandardNormal.Cdf(-a) - _upperTail
            : b <= 0.0 ? StandardNormal.Cdf(b) - _lowerCdf
            : 1.0 - _lowerCdf - _upperTail;
        if (!(_mass > 0.0))
            throw new ArgumentException($"truncnorm [a, b] = [{PriorArgument.Format(a)}, {PriorArgument.Format(b)}] has a normal probability too small to represent");

        A = a;
        B = b;
        Loc = loc;
        Scale = scale;
        Lower = lower;
        Upper = upper;
        _densityDivisor = scale * _mass;
    }

    /// <summary>The lower cut in standard units: the support starts at loc + a·scale.</summary>
    public double A { get; }

    /// <summary>The upper cut in standard units: the support ends at loc + b·scale.</summary>
    public double B { get; }

    /// <summary>The mean of the normal before truncation.</summary>
    public double Loc { get; }

    /// <summary>The standard deviation of the normal before truncation, positive.</summary>
    public double Scale { get; }

    /// <summary>Φ(b) − Φ(a): the probability the untruncated normal gives the support.</summary>
    public double Mass => _mass;

    /// <summary>loc + a·scale.</summary>
    public override double Lower { get; }

    /// <summary>loc + b·scale.</summary>
    public override double Upper { get; }

    /// <summary>
    /// By inversion: Φ(z) = Φ(a) + u·(Φ(b) − Φ(a)) with u uniform in (0, 1), solved on the side of
    /// the median where the probability is small (through the upper tail above it), then clamped to
    /// the support against rounding.
    /// </summary>
    public override double Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u = rng.NextOpenDouble();
        var p = _lowerCdf + u * _mass;
        var z = p <= 0.5
            ? StandardNormal.InverseCdf(p)
            : -StandardNormal.InverseCdf(_upperTail + (1.0 - u) * _mass);
        return Math.Clamp(Loc + Scale * z, Lower, Upper);
    }

    /// <summary>φ((x − loc)/scale) / (scale · (Φ(b) − Φ(a))) on the closed support, 0 elsewhere.</summary>
    public override double Density(double x) =>
        x >= Lower && x <= Upper ? StandardNormal.Density((x - Loc) / Scale) / _densityDivisor : 0.0;
}
