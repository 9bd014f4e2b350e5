using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Sampling;

public class GridSamplerTests
{
    [Fact]
    public void Sample_IsTheCartesianProductWithTheFirstDimensionSlowest()
    {
        GridDimension[] dimensions =
        [
            new("gamma", SampleTarget.Parameter, [0.1, 0.2]),
            new("L", SampleTarget.InitialProportion, [0.01, 0.02, 0.03]),
            new("start_date", SampleTarget.StartDateOffset, [0, 7]),
        ];

        var set = GridSampler.Sample(dimensions);

        set.Count.ShouldBe(12);
        set.Dimensions.Select(d => d.Name).ShouldBe(["gamma", "L", "start_date"]);
        var rows = Enumerable.Range(0, set.Count).Select(r => set.RowValues(r).ToArray()).ToArray();
        rows[0].ShouldBe([0.1, 0.01, 0.0]);
        rows[1].ShouldBe([0.1, 0.01, 7.0]);
        rows[2].ShouldBe([0.1, 0.02, 0.0]);
        rows[5].ShouldBe([0.1, 0.03, 7.0]);
        rows[6].ShouldBe([0.2, 0.01, 0.0]);
        rows[11].ShouldBe([0.2, 0.03, 7.0]);
        rows.Select(r => string.Join(',', r)).Distinct().Count().ShouldBe(12);
    }

    [Fact]
    public void Sample_SingleDimension_KeepsValueOrderAndRepeats()
    {
        var set = GridSampler.Sample([new GridDimension("beta", SampleTarget.Parameter, [3.0, 1.0, 3.0])]);

        set.Column("beta").ShouldBe([3.0, 1.0, 3.0]);
    }

    [Fact]
    public void Sample_NoDimensions_IsOneEmptyRow()
    {
        var set = GridSampler.Sample([]);

        set.Count.ShouldBe(1);
        set.Dimensions.ShouldBeEmpty();
    }

    [Fact]
    public void Sample_EmptyValues_ThrowsNamingTheDimension()
    {
        GridDimension[] dimensions =
        [
            new("gamma", SampleTarget.Parameter, [0.1]),
            new("I_symp", SampleTarget.InitialProportion, []),
        ];

        var error = Should.Throw<ModelValidationException>(() => GridSampler.Sample(dimensions));

        error.Field.ShouldBe("sampling.compartments.I_symp.values");
        error.Reason.ShouldContain("'I_symp'");
    }

    [Fact]
    public void Sample_NonFiniteValue_ThrowsNamingItsIndex()
    {
        var error = Should.Throw<ModelValidationException>(
            () => GridSampler.Sample([new GridDimension("gamma", SampleTarget.Parameter, [0.1, double.NaN])]));

        error.Field.ShouldBe("sampling.parameters.gamma.values[1]");
    }

    [Fact]
    public void Sample_RepeatedName_Throws()
    {
        GridDimension[] dimensions =
        [
            new("gamma", SampleTarget.Parameter, [0.1]),
            new("gamma", SampleTarget.Parameter, [0.2]),
        ];

        Should.Throw<ModelValidationException>(() => GridSampler.Sample(dimensions)).Field.ShouldBe("sampling.parameters.gamma");
    }

    [Fact]
    public void Sample_TwoStartDateDimensions_Throws()
    {
        GridDimension[] dimensions =
        [
            new("start_a", SampleTarget.StartDateOffset, [0]),
            new("start_b", SampleTarget.StartDateOffset, [1]),
        ];

        Should.Throw<ModelValidationException>(() => GridSampler.Sample(dimensions)).Field.ShouldBe("sampling.start_date");
    }
}
