namespace Epy.Engine.Tests.Randomness;

/// <summary>Exact reference values for the sampler tests.</summary>
internal static class Statistics
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7), about 1e-15 relative.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < 9; i++)
            a += Lanczos[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>The binomial probability mass P(X = k).</summary>
    public static double BinomialPmf(int n, double p, int k) =>
        Math.Exp(LogGamma(n + 1.0) - LogGamma(k + 1.0) - LogGamma(n - k + 1.0) + k * Math.Log(p) + (n - k) * Math.Log(1 - p));

    /// <summary>
    /// Pearson's chi-square of observed counts against expected probabilities, merging bins from both
    /// tails until each expects at least 5; returns the statistic and its degrees of freedom.
    /// </summary>
    public static (double ChiSquare, int DegreesOfFreedom) ChiSquare(IReadOnlyDictionary<int, int> observed, Func<int, double> probability, int lowest, int highest, int draws)
    {
        var bins = new List<(double Expected, double Observed)>();
        double expected = 0, seen = 0;
        for (var k = lowest; k <= highest; k++)
        {
            expected += probability(k) * draws;
            seen += observed.GetValueOrDefault(k);
            if (expected >= 5)
            {
                bins.Add((expected, seen));
                expected = 0;
                seen = 0;
            }
        }
        // What is left over (a thin upper tail) joins the last bin.
        var last = bins[^1];
        bins[^1] = (last.Expected + expected, last.Observed + seen);
        var chi = bins.Sum(b => (b.Observed - b.Expected) * (b.Observed - b.Expected) / b.Expected);
        return (chi, bins.Count - 1);
    }

    /// <summary>The chi-square quantile for a tail of 1e-4 (Wilson–Hilferty), a generous bound for a fixed-seed test.</summary>
    public static double ChiSquareCritical(int degreesOfFreedom)
    {
        const double z = 3.719;
        var k = (double)degreesOfFreedom;
        var h = 2.0 / (9.0 * k);
        return k * Math.Pow(1 - h + z * Math.Sqrt(h), 3);
    }
}
