namespace Epy.Engine.Randomness;

/// <summary>
/// A binomial success probability with the work that does not depend on n done once: the side of
/// 1/2 it falls on and the logarithm inversion needs. The simulator prepares the fixed exit and
/// split probabilities of spontaneous transitions for every step and age group at compile time.
/// </summary>
public readonly struct PreparedProbability
{
    /// <summary>Prepares <paramref name="p"/>, clamped to [0, 1].</summary>
    public PreparedProbability(double p)
    {
        p = double.IsNaN(p) ? 0.0 : Math.Clamp(p, 0.0, 1.0);
        P = p;
        Flipped = p > 0.5;
        Small = Flipped ? 1.0 - p : p;
        LogOneMinusSmall = PortableMath.Log(1.0 - Small);
    }

    /// <summary>The probability.</summary>
    public double P { get; }

    /// <summary>True when p &gt; 1/2 and draws count failures instead (X = n − Binomial(n, 1 − p)).</summary>
    internal bool Flipped { get; }

    /// <summary>min(p, 1 − p).</summary>
    internal double Small { get; }

    /// <summary>ln(1 − min(p, 1 − p)).</summary>
    internal double LogOneMinusSmall { get; }
}
