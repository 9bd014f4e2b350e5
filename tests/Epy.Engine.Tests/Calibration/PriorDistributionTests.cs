using CsCheck;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

/// <summary>Properties every prior must have, checked on each of <see cref="PriorCases"/>.</summary>
public class PriorDistributionTests
{
    private const int Draws = 200_000;

    [Theory]
    [MemberData(nameof(PriorCases.Names), MemberType = typeof(PriorCases))]
    public void Sample_MeanAndVariance_MatchTheClosedFormsWithinFiveStandardErrors(string name)
    {
        var (prior, mean, variance) = PriorCases.All[name];
        var rng = new Xoshiro256(20240915);
        var draws = new double[Draws];
        for (var i = 0; i < Draws; i++)
            draws[i] = prior.Sample(rng);

        var sampleMean = draws.Average();
        var m2 = draws.Average(x => (x - sampleMean) * (x - sampleMean));
        var m4 = draws.Average(x => Math.Pow(x - sampleMean, 4));
        var sampleVariance = m2 * Draws / (Draws - 1);
        var floor = 1e-12 * Math.Max(1.0, Math.Abs(mean));

        Math.Abs(sampleMean - mean).ShouldBeLessThanOrEqualTo(5 * Math.Sqrt(variance / Draws) + floor);
        Math.Abs(sampleVariance - variance).ShouldBeLessThanOrEqualTo(5 * Math.Sqrt((m4 - m2 * m2) / Draws) + floor);
    }

    [Theory]
    [MemberData(nameof(PriorCases.Names), MemberType = typeof(PriorCases))]
    public void Sample_AlwaysFallsInsideTheSupport(string name)
    {
        var prior = PriorCases.All[name].Prior;

        Gen.ULong.Sample(seed =>
        {
            var rng = new Xoshiro256(seed);
            for (var i = 0; i < 1000; i++)
            {
                var x = prior.Sample(rng);
                double.IsFinite(x).ShouldBeTrue();
                x.ShouldBeInRange(prior.Lower, prior.Upper);
                prior.Contains(x).ShouldBeTrue($"{name} drew {x:R}, outside its support");
                if (prior.IsDiscrete)
                    Math.Floor(x).ShouldBe(x);
            }
        }, iter: 50);
    }

    [Theory]
    [MemberData(nameof(PriorCases.Names), MemberType = typeof(PriorCases))]
    public void Sample_SameSeed_GivesTheSameDraws(string name)
    {
        var prior = PriorCases.All[name].Prior;

        Gen.ULong.Sample(seed =>
        {
            var (first, second) = (new Xoshiro256(seed), new Xoshiro256(seed));
            for (var i = 0; i < 100; i++)
                prior.Sample(first).ShouldBe(prior.Sample(second));
        }, iter: 20);
    }

    [Theory]
    [MemberData(nameof(PriorCases.Names), MemberType = typeof(PriorCases))]
    public void Sample_DifferentSeeds_GiveDifferentDraws(string name)
    {
        var (prior, _, variance) = PriorCases.All[name];
        if (variance == 0)
            return; // a single-value randint has nothing to differ in

        var (first, second) = (new Xoshiro256(1), new Xoshiro256(2));
        var draws = Enumerable.Range(0, 20).Select(_ => (prior.Sample(first), prior.Sample(second)));

        draws.Count(pair => pair.Item1 != pair.Item2).ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(PriorCases.ContinuousNames), MemberType = typeof(PriorCases))]
    public void Density_IntegratesToOneWithTheClosedFormMean(string name)
    {
        var (prior, mean, variance) = PriorCases.All[name];
        var spread = 100 * Math.Sqrt(variance); // far enough that even the log-normal tail beyond holds < 1e-12 of the mean
        var low = double.IsFinite(prior.Lower) ? prior.Lower : mean - spread;
        var high = double.IsFinite(prior.Upper) ? prior.Upper : mean + spread;

        var mass = Simpson(prior.Density, low, high);
        var first = Simpson(x => x * prior.Density(x), low, high);

        mass.ShouldBe(1.0, 1e-9);
        first.ShouldBe(mean, 1e-9 * Math.Max(1.0, Math.Abs(mean)));
    }

    [Theory]
    [MemberData(nameof(PriorCases.DiscreteNames), MemberType = typeof(PriorCases))]
    public void Density_SumsToOneOverTheIntegersAndIsZeroBetweenThem(string name)
    {
        var prior = PriorCases.All[name].Prior;
        var total = 0.0;
        for (var k = prior.Lower; k <= prior.Upper; k++)
        {
            total += prior.Density(k);
            prior.Density(k + 0.5).ShouldBe(0.0);
            prior.Contains(k + 0.25).ShouldBeFalse();
        }

        total.ShouldBe(1.0, 1e-12);
    }

    [Theory]
    [MemberData(nameof(PriorCases.Names), MemberType = typeof(PriorCases))]
    public void Density_OutsideTheSupport_IsZero(string name)
    {
        var prior = PriorCases.All[name].Prior;

        prior.Density(double.NaN).ShouldBe(0.0);
        prior.Density(double.NegativeInfinity).ShouldBe(0.0);
        prior.Density(double.PositiveInfinity).ShouldBe(0.0);
        prior.Contains(double.NaN).ShouldBeFalse();
        if (double.IsFinite(prior.Lower))
        {
            prior.Density(Math.BitDecrement(prior.Lower)).ShouldBe(0.0);
            prior.Density(prior.Lower - 1).ShouldBe(0.0);
            prior.Contains(prior.Lower - 1).ShouldBeFalse();
        }
        if (double.IsFinite(prior.Upper))
        {
            prior.Density(Math.BitIncrement(prior.Upper)).ShouldBe(0.0);
            prior.Density(prior.Upper + 1).ShouldBe(0.0);
            prior.Contains(prior.Upper).ShouldBeTrue();
            prior.Contains(prior.Upper + 1).ShouldBeFalse();
        }
    }

    private static double Simpson(Func<double, double> f, double low, double high, int intervals = 200_000)
    {
        var h = (high - low) / intervals;
        var sum = f(low) + f(high);
        for (var i = 1; i < intervals; i++)
            sum += f(low + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
