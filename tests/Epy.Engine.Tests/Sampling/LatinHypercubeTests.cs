using CsCheck;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Sampling;

public class LatinHypercubeTests
{
    private static SampledDimension[] UnitDimensions(int count) =>
        [.. Enumerable.Range(0, count).Select(j => new SampledDimension($"p{j}", SampleTarget.Parameter, new Uniform(0.0, 1.0)))];

    [Fact]
    public void Sample_EveryStratumOfEveryDimension_HoldsExactlyOnePoint()
    {
        Gen.Select(Gen.ULong, Gen.Int[1, 400], Gen.Int[1, 6]).Sample((seed, count, width) =>
        {
            var set = LatinHypercube.Sample(UnitDimensions(width), count, seed);

            set.Count.ShouldBe(count);
            for (var j = 0; j < width; j++)
            {
                var hits = new int[count];
                for (var i = 0; i < count; i++)
                {
                    var u = set[i, j];
                    u.ShouldBeGreaterThan(0.0);
                    u.ShouldBeLessThan(1.0);
                    hits[(int)Math.Floor(u * count)]++;
                }
                hits.ShouldAllBe(h => h == 1);
            }
        });
    }

    [Fact]
    public void Sample_SameSeed_GivesIdenticalSets()
    {
        Gen.Select(Gen.ULong, Gen.Int[1, 200]).Sample((seed, count) =>
        {
            var dimensions = Mixed();
            var first = LatinHypercube.Sample(dimensions, count, seed);
            var second = LatinHypercube.Sample(dimensions, count, seed);

            for (var i = 0; i < count; i++)
                second.RowValues(i).ToArray().ShouldBe(first.RowValues(i).ToArray());
        });
    }

    [Fact]
    public void Sample_DifferentSeeds_GiveDifferentSets()
    {
        Gen.Select(Gen.ULong, Gen.ULong, Gen.Int[1, 200]).Where((a, b, _) => a != b).Sample((a, b, count) =>
        {
            var first = LatinHypercube.Sample(UnitDimensions(2), count, a);
            var second = LatinHypercube.Sample(UnitDimensions(2), count, b);

            first.Column("p0").SequenceEqual(second.Column("p0")).ShouldBeFalse();
        });
    }

    [Fact]
    public void Sample_AddingADimension_LeavesEarlierColumnsUnchanged()
    {
        var narrow = LatinHypercube.Sample(UnitDimensions(2), 50, 7);
        var wide = LatinHypercube.Sample(UnitDimensions(3), 50, 7);

        wide.Column("p0").ShouldBe(narrow.Column("p0"));
        wide.Column("p1").ShouldBe(narrow.Column("p1"));
    }

    [Fact]
    public void Sample_StreamLayout_IsShuffleThenJittersOnStreamSeedAndDimension()
    {
        // Pins the documented stream layout: changing it would silently change stored sample sets.
        const int count = 8;
        var set = LatinHypercube.Sample(UnitDimensions(2), count, 42);

        for (var j = 0; j < 2; j++)
        {
            var rng = Xoshiro256.ForStream(42, (ulong)j);
            var strata = Enumerable.Range(0, count).ToArray();
            for (var i = count - 1; i > 0; i--)
            {
                var k = (int)rng.NextInt64(i + 1);
                (strata[i], strata[k]) = (strata[k], strata[i]);
            }
            for (var i = 0; i < count; i++)
                set[i, j].ShouldBe((strata[i] + rng.NextOpenDouble()) / count);
        }
    }

    [Fact]
    public void Sample_RandInt_GivesIntegersInRangeEachEquallyOften()
    {
        Gen.Select(Gen.ULong, Gen.Long[-50, 50], Gen.Int[1, 40], Gen.Int[1, 5]).Sample((seed, low, range, repeats) =>
        {
            var dimension = new SampledDimension("start_date", SampleTarget.StartDateOffset, new RandInt(low, low + range));

            var values = LatinHypercube.Sample([dimension], range * repeats, seed).Column("start_date");

            values.ShouldAllBe(v => v == Math.Floor(v) && v >= low && v < low + range);
            values.CountBy(v => v).ShouldAllBe(pair => pair.Value == repeats);
            values.Distinct().Count().ShouldBe(range);
        });
    }

    [Fact]
    public void Sample_Uniform_StratifiesTheRangeBetweenLowAndHigh()
    {
        var dimension = new SampledDimension("L", SampleTarget.InitialProportion, new Uniform(0.0, 0.25));

        var values = LatinHypercube.Sample([dimension], 100, 3).Column("L");

        values.ShouldAllBe(v => v >= 0.0 && v <= 0.25);
        values.Select(v => (int)Math.Floor(v / 0.25 * 100)).Order().ShouldBe(Enumerable.Range(0, 100));
    }

    [Fact]
    public void Sample_Normal_HasTheRequestedMeanAndStandardDeviation()
    {
        var dimension = new SampledDimension("beta", SampleTarget.Parameter, new Normal(3.0, 2.0));

        var values = LatinHypercube.Sample([dimension], 10_000, 11).Column("beta");

        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        mean.ShouldBe(3.0, 0.01);
        std.ShouldBe(2.0, 0.02);
        values.ShouldAllBe(v => double.IsFinite(v));
    }

    [Fact]
    public void Sample_KeepsNamesAndTargetsInOrder()
    {
        var set = LatinHypercube.Sample(Mixed(), 5, 1);

        set.Dimensions.ShouldBe([
            new SampleColumn("Rt", SampleTarget.Parameter),
            new SampleColumn("L", SampleTarget.InitialProportion),
            new SampleColumn("start_date", SampleTarget.StartDateOffset),
        ]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Sample_CountBelowOne_ThrowsNamingNSamples(int count)
    {
        var error = Should.Throw<ModelValidationException>(() => LatinHypercube.Sample(UnitDimensions(1), count, 1));

        error.Field.ShouldBe("sampling.samplers.n_samples");
    }

    [Fact]
    public void Sample_InvalidDistribution_ThrowsNamingTheDimension()
    {
        SampledDimension[] dimensions =
        [
            new("Rt", SampleTarget.Parameter, new Uniform(0.0, 2.0)),
            new("I_symp", SampleTarget.InitialProportion, new Uniform(0.1, 0.0)),
        ];

        var error = Should.Throw<ModelValidationException>(() => LatinHypercube.Sample(dimensions, 10, 1));

        error.Field.ShouldBe("sampling.compartments.I_symp.distribution");
    }

    [Fact]
    public void Sample_RepeatedName_Throws()
    {
        SampledDimension[] dimensions =
        [
            new("Rt", SampleTarget.Parameter, new Uniform(0.0, 2.0)),
            new("Rt", SampleTarget.Parameter, new Normal(1.0, 0.1)),
        ];

        var error = Should.Throw<ModelValidationException>(() => LatinHypercube.Sample(dimensions, 10, 1));

        error.Field.ShouldBe("sampling.parameters.Rt");
        error.Reason.ShouldContain("more than once");
    }

    [Fact]
    public void Sample_EmptyName_Throws()
    {
        var error = Should.Throw<ModelValidationException>(
            () => LatinHypercube.Sample([new SampledDimension(" ", SampleTarget.Parameter, new Uniform(0, 1))], 10, 1));

        error.Reason.ShouldContain("name");
    }

    [Fact]
    public void PointInStratum_JitterRoundingUp_StaysInsideTheStratum()
    {
        var point = LatinHypercube.PointInStratum(1, 2, Math.BitDecrement(1.0));

        point.ShouldBeLessThan(1.0);
        point.ShouldBeGreaterThanOrEqualTo(0.5);
    }

    private static SampledDimension[] Mixed() =>
    [
        new("Rt", SampleTarget.Parameter, new Uniform(0.0, 2.0)),
        new("L", SampleTarget.InitialProportion, new Normal(0.1, 0.02)),
        new("start_date", SampleTarget.StartDateOffset, new RandInt(0, 30)),
    ];
}
