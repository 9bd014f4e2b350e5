using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Sampling;

public class SampleSetTests
{
    private static SampleSet Grid() => GridSampler.Sample([new GridDimension("gamma", SampleTarget.Parameter, [0.1, 0.2, 0.3])]);

    private static SampleSet Lhs(int count) => LatinHypercube.Sample(
        [
            new SampledDimension("Rt", SampleTarget.Parameter, new Uniform(0.0, 2.0)),
            new SampledDimension("start_date", SampleTarget.StartDateOffset, new RandInt(0, 30)),
        ],
        count,
        seed: 5);

    [Fact]
    public void Cross_GridWithLhs_PairsEveryRowWithEveryRowGridSlowest()
    {
        var grid = Grid();
        var lhs = Lhs(4);

        var crossed = grid.Cross(lhs);

        crossed.Count.ShouldBe(12);
        crossed.Dimensions.Select(d => d.Name).ShouldBe(["gamma", "Rt", "start_date"]);
        for (var i = 0; i < grid.Count; i++)
        {
            for (var j = 0; j < lhs.Count; j++)
            {
                var row = crossed.Row(i * lhs.Count + j);
                row["gamma"].ShouldBe(grid[i, 0]);
                row["Rt"].ShouldBe(lhs[j, "Rt"]);
                row["start_date"].ShouldBe(lhs[j, "start_date"]);
            }
        }
    }

    [Fact]
    public void Cross_SharedName_ThrowsNamingTheDimension()
    {
        var other = GridSampler.Sample([new GridDimension("Rt", SampleTarget.Parameter, [1.0])]);

        var error = Should.Throw<ModelValidationException>(() => other.Cross(Lhs(3)));

        error.Field.ShouldBe("sampling.parameters.Rt");
        error.Reason.ShouldContain("'Rt'");
    }

    [Fact]
    public void Cross_BothSettingTheStartDate_Throws()
    {
        var grid = GridSampler.Sample([new GridDimension("offset", SampleTarget.StartDateOffset, [0, 7])]);

        Should.Throw<ModelValidationException>(() => grid.Cross(Lhs(3))).Field.ShouldBe("sampling.start_date");
    }

    [Fact]
    public void Cross_WithUnit_IsIdentity()
    {
        var lhs = Lhs(5);

        foreach (var crossed in new[] { lhs.Cross(SampleSet.Unit), SampleSet.Unit.Cross(lhs) })
        {
            crossed.Count.ShouldBe(5);
            crossed.Dimensions.ShouldBe(lhs.Dimensions);
            for (var i = 0; i < 5; i++)
                crossed.RowValues(i).ToArray().ShouldBe(lhs.RowValues(i).ToArray());
        }
    }

    [Fact]
    public void Constructor_CopiesRowMajorValues()
    {
        double[] values = [1, 2, 3, 4, 5, 6];
        var set = new SampleSet([new("a", SampleTarget.Parameter), new("b", SampleTarget.InitialProportion)], 3, values);
        values[0] = 99;

        set[0, 0].ShouldBe(1);
        set[2, 1].ShouldBe(6);
        set[1, "b"].ShouldBe(4);
        set.Column("a").ShouldBe([1.0, 3.0, 5.0]);
        set.IndexOf("b").ShouldBe(1);
        set.IndexOf("c").ShouldBe(-1);
    }

    [Fact]
    public void Constructor_WrongValueCount_Throws() =>
        Should.Throw<ArgumentException>(() => new SampleSet([new("a", SampleTarget.Parameter)], 3, new double[2]));

    [Fact]
    public void Indexer_OutOfRange_Throws()
    {
        var set = Grid();

        Should.Throw<ArgumentOutOfRangeException>(() => set[3, 0]);
        Should.Throw<ArgumentOutOfRangeException>(() => set[0, 1]);
        Should.Throw<KeyNotFoundException>(() => set[0, "beta"]);
    }
}
