using Epy.Engine.Model;

namespace Epy.Engine.Tests.Model;

public class ParameterTablesScalingTests
{
    private const int Ages = 2;
    private static readonly DateOnly Start = new(2024, 10, 15);
    private static readonly TimeGrid TwoWeeks = new(Start, Start.AddDays(13));

    private static ParameterScaling Scaling(string parameter, int fromDay, int toDay, double factor) =>
        new(parameter, Start.AddDays(fromDay), Start.AddDays(toDay), factor);

    private static double[] Row(ParameterTables tables, string name, int step) => tables[name].Slice(step * Ages, Ages).ToArray();

    [Fact]
    public void Evaluate_Scaling_MultipliesTheWindowOnly_AndSeveralMultiply()
    {
        var tables = ParameterTables.Evaluate([Parameter.AgeVarying("p", 1, 2)], TwoWeeks, Ages, eigenvalue: 1.0,
            scalings: [Scaling("p", 2, 4, 0.5), Scaling("p", 4, 5, 3)]);

        Row(tables, "p", 1).ShouldBe([1, 2]);
        Row(tables, "p", 2).ShouldBe([0.5, 1]);
        Row(tables, "p", 4).ShouldBe([1.5, 3]);
        Row(tables, "p", 5).ShouldBe([3, 6]);
        Row(tables, "p", 6).ShouldBe([1, 2]);
    }

    [Fact]
    public void Evaluate_Scaling_AppliesAfterSeasonalityAndBeforeOverrides()
    {
        var seasonality = new Seasonality("beta", Start.AddDays(100), 0.5);
        var seasonal = ParameterTables.Evaluate([Parameter.Scalar("beta", 2)], TwoWeeks, Ages, 1.0, seasonality: seasonality);

        var tables = ParameterTables.Evaluate([Parameter.Scalar("beta", 2)], TwoWeeks, Ages, 1.0,
            [new ParameterOverride("beta", Start.AddDays(3), Start.AddDays(3), ["7"])], seasonality, [Scaling("beta", 0, 13, 0.5)]);

        Row(tables, "beta", 1)[0].ShouldBe(0.5 * Row(seasonal, "beta", 1)[0], 1e-15);
        Row(tables, "beta", 3)[0].ShouldBe(7);
    }

    [Fact]
    public void Evaluate_ScalingOfAnUnknownParameter_NamesTheField()
    {
        var error = Should.Throw<ModelValidationException>(() =>
            ParameterTables.Evaluate([Parameter.Scalar("beta", 2)], TwoWeeks, Ages, 1.0, scalings: [Scaling("gamma", 0, 1, 2)]));

        error.Field.ShouldBe("parameter_scalings[0].parameter");
    }
}
