namespace Epy.Engine.Calibration;

/// <summary>An ABC algorithm, named as in epydemix's <c>ABCSampler.calibrate(strategy=...)</c>.</summary>
public enum AbcStrategy
{
    /// <summary><c>rejection</c>: keep prior draws whose distance is below a fixed ε until enough are kept.</summary>
    Rejection,

    /// <summary><c>top_fraction</c>: simulate a fixed number of prior draws and keep the closest fraction.</summary>
    TopFraction,

    /// <summary><c>smc</c>: ABC sequential Monte Carlo (Toni et al. 2009) with a shrinking ε.</summary>
    Smc,
}
