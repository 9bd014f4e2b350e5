using Epy.Engine.Calibration;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Calibration;

/// <summary>A prior with its closed-form mean and variance.</summary>
internal sealed record PriorCase(Prior Prior, double Mean, double Variance);

/// <summary>Priors of every kind, keyed by how scipy would write them, with their exact moments.</summary>
internal static class PriorCases
{
    public static readonly IReadOnlyDictionary<string, PriorCase> All = new Dictionary<string, PriorCase>
    {
        ["uniform(1, 1)"] = new(new UniformPrior(1.0, 1.0), 1.5, 1.0 / 12),
        ["uniform(-3, 0.5)"] = new(new UniformPrior(-3.0, 0.5), -2.75, 0.25 / 12),
        ["randint(0, 80)"] = new(new RandIntPrior(0, 80), 39.5, (80.0 * 80 - 1) / 12),
        ["randint(-5, 3)"] = new(new RandIntPrior(-5, 3), -1.5, (8.0 * 8 - 1) / 12),
        ["randint(7, 8)"] = new(new RandIntPrior(7, 8), 7.0, 0.0),
        ["norm()"] = new(new NormalPrior(), 0.0, 1.0),
        ["norm(10, 2.5)"] = new(new NormalPrior(10.0, 2.5), 10.0, 6.25),
        ["lognorm(0.5)"] = LogNormal(0.5, 0.0, 1.0),
        ["lognorm(0.5, 1, 2)"] = LogNormal(0.5, 1.0, 2.0),
        ["lognorm(0.25, -2, 0.3)"] = LogNormal(0.25, -2.0, 0.3),
        ["truncnorm(-1, 2)"] = TruncatedNormal(-1.0, 2.0, 0.0, 1.0),
        ["truncnorm(-1, 2, 5, 3)"] = TruncatedNormal(-1.0, 2.0, 5.0, 3.0),
        ["truncnorm(3, 5)"] = TruncatedNormal(3.0, 5.0, 0.0, 1.0),
        ["truncnorm(8, 9, 1, 0.5)"] = TruncatedNormal(8.0, 9.0, 1.0, 0.5),
        ["truncnorm(30, 31)"] = TruncatedNormal(30.0, 31.0, 0.0, 1.0),
        ["truncnorm(-9, -8)"] = TruncatedNormal(-9.0, -8.0, 0.0, 1.0),
        ["truncnorm(-0.1, 0.1)"] = TruncatedNormal(-0.1, 0.1, 0.0, 1.0),
        ["truncnorm(-inf, 0)"] = TruncatedNormal(double.NegativeInfinity, 0.0, 0.0, 1.0),
        ["truncnorm(0.5, inf, 1, 2)"] = TruncatedNormal(0.5, double.PositiveInfinity, 1.0, 2.0),
    };

    public static TheoryData<string> Names => [.. All.Keys];

    public static TheoryData<string> ContinuousNames => [.. All.Keys.Where(key => !All[key].Prior.IsDiscrete)];

    public static TheoryData<string> DiscreteNames => [.. All.Keys.Where(key => All[key].Prior.IsDiscrete)];

    private static PriorCase LogNormal(double s, double loc, double scale)
    {
        var w = Math.Exp(s * s);
        return new(new LogNormalPrior(s, loc, scale), loc + scale * Math.Sqrt(w), scale * scale * w * (w - 1));
    }

    // The textbook moments of the truncated normal, with Φ(b) − Φ(a) taken from tails where they are small.
    private static PriorCase TruncatedNormal(double a, double b, double loc, double scale)
    {
        var mass = a >= 0 ? StandardNormal.Cdf(-a) - StandardNormal.Cdf(-b) : StandardNormal.Cdf(b) - StandardNormal.Cdf(a);
        var (pa, pb) = (StandardNormal.Density(a), StandardNormal.Density(b));
        var shift = (pa - pb) / mass;
        var aTerm = double.IsInfinity(a) ? 0.0 : a * pa;
        var bTerm = double.IsInfinity(b) ? 0.0 : b * pb;
        var variance = 1.0 + (aTerm - bTerm) / mass - shift * shift;
        return new(new TruncatedNormalPrior(a, b, loc, scale), loc + scale * shift, scale * scale * variance);
    }
}
