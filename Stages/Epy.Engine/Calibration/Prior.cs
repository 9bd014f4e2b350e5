using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// A prior distribution of one calibrated quantity, with scipy.stats' conventions (existing configs
/// are written for scipy). Create one with <c>Priors.Create</c>.
/// </summary>
public abstract record Prior
{
    /// <summary>True for a distribution over integers (randint): perturbed by jumps, not Normal kernels.</summary>
    public virtual bool IsDiscrete => false;

    /// <summary>The smallest value of the support (−∞ when unbounded).</summary>
    public abstract double Lower { get; }

    /// <summary>The largest value of the support (+∞ when unbounded); for randint, high − 1.</summary>
    public abstract double Upper { get; }

    /// <summary>A draw from the prior.</summary>
    public abstract double Sample(Xoshiro256 rng);

    /// <summary>The density (pmf for discrete priors) at <paramref name="x"/>; 0 outside the support.</summary>
    public abstract double Density(double x);

    /// <summary>True when <paramref name="x"/> has positive density.</summary>
    public bool Contains(double x) => Density(x) > 0;
}
