namespace Epy.Engine.Model;

/// <summary>How the stochastic step turns rates into probabilities.</summary>
public sealed record SimulationOptions
{
    /// <summary>
    /// False (epydemix's default): the exit probability of total hazard H = Σ r·dt is 1 − e^{−H},
    /// split in proportion to the rates. True: each target's probability is r·dt (scaled down
    /// together if they add up to more than 1).
    /// </summary>
    public bool LinearApproximation { get; init; }

    /// <summary>The default options.</summary>
    public static SimulationOptions Default { get; } = new();
}
