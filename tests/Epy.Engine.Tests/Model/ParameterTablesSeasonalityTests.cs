using Epy.Engine.Model;

namespace Epy.Engine.Tests.Model;

public class ParameterTablesSeasonalityTests
{
    private const int Ages = 3;
    private static readonly DateOnly Start = new(2024, 10, 15);
    private static readonly TimeGrid Season = new(Start, new DateOnly(2025, 5, 31));

    private static ParameterTables Evaluate(Seasonality seasonality, params Parameter[] parameters) =>
        ParameterTables.Evaluate(parameters, Season, Ages, eigenvalue: 1.0, seasonality: seasonality);

    [Theory]
    [InlineData(0, 0.9949425090795163)]
    [InlineData(47, 0.9120648255587567)]
    [InlineData(78, 0.8227406981868735)]
    [InlineData(168, 0.6500064821546536)]
    [InlineData(228, 0.7340448328727849)]
    public void Evaluate_BalcanSeasonality_MatchesReferenceFactors(int step, double factor)
    {
        var seasonality = new Seasonality("s", MaxDate: new DateOnly(2024, 10, 1), MinValue: 0.65, MaxValue: 1.0);

        var tables = Evaluate(seasonality, Parameter.Scalar("s", 1.0));

        for (var k = 0; k < Ages; k++)
            tables["s"][step * Ages + k].ShouldBe(factor, 1e-12);
    }

    [Fact]
    public void Evaluate_Seasonality_IsAppliedBeforeDependentsAreEvaluated()
    {
        var seasonality = new Seasonality("beta", MaxDate: new DateOnly(2024, 10, 1), MinValue: 0.65);

        var tables = Evaluate(seasonality, Parameter.Expression("twice", "2*beta"), Parameter.Scalar("beta", 0.5));

        // 2024-12-01 is step 47.
        Season.Dates[47].ShouldBe(new DateOnly(2024, 12, 1));
        tables["beta"][47 * Ages].ShouldBe(0.5 * 0.9120648255587567, 1e-12);
        tables["twice"][47 * Ages].ShouldBe(0.9120648255587567, 1e-12);
    }

    [Fact]
    public void Evaluate_SeasonalityWithMinDate_HasTwiceTheGapAsPeriod()
    {
        var seasonality = new Seasonality("s", MaxDate: Start, MinValue: 0.4, MaxValue: 0.9, MinDate: Start.AddDays(100));

        var tables = Evaluate(seasonality, Parameter.Scalar("s", 1.0));

        tables["s"][0].ShouldBe(0.9, 1e-12);
        tables["s"][100 * Ages].ShouldBe(0.4, 1e-12);
        tables["s"][200 * Ages].ShouldBe(0.9, 1e-12);
        tables["s"][50 * Ages].ShouldBe(0.65, 1e-12);
    }

    [Fact]
    public void Evaluate_SeasonalityOfUnknownParameter_NamesTargetField()
    {
        var seasonality = new Seasonality("beta", MaxDate: Start, MinValue: 0.5);

        var error = Should.Throw<ModelValidationException>(() => Evaluate(seasonality, Parameter.Scalar("mu", 1)));

        error.Field.ShouldBe("seasonality.target_parameter");
        error.Reason.ShouldBe("unknown parameter 'beta'; known parameters: mu");
    }

    [Theory]
    [InlineData(0.5, 0.0, "seasonality.max_value")]
    [InlineData(0.5, -1.0, "seasonality.max_value")]
    [InlineData(-0.1, 1.0, "seasonality.min_value")]
    [InlineData(1.2, 1.0, "seasonality.min_value")]
    [InlineData(double.NaN, 1.0, "seasonality.min_value")]
    public void Evaluate_SeasonalityOutOfRange_NamesField(double min, double max, string field)
    {
        var seasonality = new Seasonality("s", MaxDate: Start, MinValue: min, MaxValue: max);

        var error = Should.Throw<ModelValidationException>(() => Evaluate(seasonality, Parameter.Scalar("s", 1)));

        error.Field.ShouldBe(field);
    }

    [Fact]
    public void Evaluate_SeasonalityMinDateEqualToMaxDate_IsRejected()
    {
        var seasonality = new Seasonality("s", MaxDate: Start, MinValue: 0.5, MinDate: Start);

        var error = Should.Throw<ModelValidationException>(() => Evaluate(seasonality, Parameter.Scalar("s", 1)));

        error.Field.ShouldBe("seasonality.min_date");
    }
}
