using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// scipy's <c>uniform(loc, scale)</c>: the continuous uniform distribution on
/// [<see cref="Loc"/>, <see cref="Loc"/> + <see cref="Scale"/>] (not [low, high]: <c>uniform(1, 1)</c> is [1, 2]).
/// </summary>
public sealed record UniformPrior : Prior
{
    private readonly double _density;

    /// <summary>The uniform distribution on [<paramref name="loc"/>, <paramref name="loc"/> + <paramref name="scale"/>].</summary>
    /// <exception cref="ArgumentException">A parameter is not finite, the scale is not positive, or the support cannot be represented.</exception>
    public UniformPrior(double loc = 0.0, double scale = 1.0)
    {
        PriorArgument.RequireFinite(loc, "uniform", "loc");
        PriorArgument.RequirePositive(scale, "uniform", "scale");
        PriorArgument.RequireRepresentable(loc, loc + scale, "uniform");
        Loc = loc;
        Scale = scale;
        Upper = loc + scale;
        _density = 1.0 / scale;
    }

    /// <summary>The lower end of the support.</summary>
    public double Loc { get; }

    /// <summary>The width of the support, positive.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override double Lower => Loc;

    /// <inheritdoc/>
    public override double Upper { get; }

    /// <summary><c>loc + scale · u</c> with u uniform in [0, 1).</summary>
    public override double Sample(Xoshiro256 rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        return Math.Min(Loc + Scale * rng.NextDouble(), Upper);
    }

    /// <summary>1/scale on the closed support, 0 elsewhere.</summary>
    public override double Density(double x) => x >= Lower && x <= Upper ? _density : 0.0;
}
