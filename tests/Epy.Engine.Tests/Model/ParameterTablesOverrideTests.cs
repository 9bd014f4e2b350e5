using Epy.Engine.Model;

namespace Epy.Engine.Tests.Model;

public class ParameterTablesOverrideTests
{
    private const int Ages = 3;
    private static readonly DateOnly Start = new(2024, 10, 15);
    private static readonly TimeGrid TwoWeeks = new(Start, Start.AddDays(13));

    private static ParameterTables Evaluate(IReadOnlyList<ParameterOverride> overrides, Seasonality? seasonality, params Parameter[] parameters) =>
        ParameterTables.Evaluate(parameters, TwoWeeks, Ages, eigenvalue: 1.0, overrides, seasonality);

    private static ParameterOverride Override(string parameter, int fromDay, int toDay, params string[] values) =>
        new(parameter, Start.AddDays(fromDay), Start.AddDays(toDay), values);

    private static double[] Row(ParameterTables tables, string name, int step) => tables[name].Slice(step * Ages, Ages).ToArray();

    [Fact]
    public void Evaluate_OneValueOverride_ReplacesAllAgesOnTheDateRangeOnly()
    {
        var tables = Evaluate([Override("beta", 3, 5, "0.1")], null, Parameter.Scalar("beta", 0.5));

        for (var t = 0; t < TwoWeeks.Steps; t++)
        {
            var expected = t >= 3 && t <= 5 ? 0.1 : 0.5;
            Row(tables, "beta", t).ShouldAllBe(v => v == expected);
        }
    }

    [Fact]
    public void Evaluate_PerAgeOverride_ReplacesEachAgeGroup()
    {
        var tables = Evaluate([Override("p", 0, 1, "1", "2", "3")], null, Parameter.AgeVarying("p", 7, 8, 9));

        Row(tables, "p", 0).ShouldBe([1, 2, 3]);
        Row(tables, "p", 1).ShouldBe([1, 2, 3]);
        Row(tables, "p", 2).ShouldBe([7, 8, 9]);
    }

    [Fact]
    public void Evaluate_OverridesOfOneParameter_ApplyInListOrder()
    {
        ParameterOverride[] overrides = [Override("beta", 2, 6, "1"), Override("beta", 4, 8, "2")];

        var tables = Evaluate(overrides, null, Parameter.Scalar("beta", 0));

        double[] expected = [0, 0, 1, 1, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0];
        for (var t = 0; t < TwoWeeks.Steps; t++)
            Row(tables, "beta", t)[0].ShouldBe(expected[t]);
    }

    [Fact]
    public void Evaluate_Override_IsSeenByDependents()
    {
        var tables = Evaluate([Override("beta", 3, 3, "0.1")], null, Parameter.Expression("rate", "2*beta"), Parameter.Scalar("beta", 0.5));

        Row(tables, "rate", 2).ShouldAllBe(v => v == 1.0);
        Row(tables, "rate", 3).ShouldAllBe(v => v == 0.2);
    }

    [Fact]
    public void Evaluate_OverrideValueReferringToALaterParameter_IsEvaluatedAfterIt()
    {
        var tables = Evaluate(
            [Override("beta", 0, 0, "base*half", "base", "1")],
            null,
            Parameter.Scalar("beta", 0.5),
            Parameter.AgeVarying("base", 0.2, 0.4, 0.6),
            Parameter.Expression("half", "1/2"));

        Row(tables, "beta", 0).ShouldBe([0.1, 0.4, 1.0]);
        Row(tables, "beta", 1).ShouldAllBe(v => v == 0.5);
    }

    [Fact]
    public void Evaluate_Override_IsAppliedAfterSeasonality()
    {
        var seasonality = new Seasonality("beta", MaxDate: Start.AddDays(-100), MinValue: 0.5);

        var tables = Evaluate([Override("beta", 1, 1, "0.3")], seasonality, Parameter.Scalar("beta", 1.0));

        Row(tables, "beta", 1).ShouldAllBe(v => v == 0.3);
        Row(tables, "beta", 0)[0].ShouldBeLessThan(1.0);
    }

    [Fact]
    public void Evaluate_OverrideOutsideTheGrid_ChangesNothing()
    {
        var tables = Evaluate([Override("beta", 100, 200, "9")], null, Parameter.Scalar("beta", 0.5));

        tables["beta"].ToArray().ShouldAllBe(v => v == 0.5);
    }

    [Fact]
    public void Evaluate_OverrideOfUnknownParameter_NamesOverrideField()
    {
        ParameterOverride[] overrides = [Override("beta", 0, 1, "1"), Override("gamma", 0, 1, "1")];

        var error = Should.Throw<ModelValidationException>(() => Evaluate(overrides, null, Parameter.Scalar("beta", 1)));

        error.Field.ShouldBe("parameter_overrides[1].parameter");
        error.Reason.ShouldBe("unknown parameter 'gamma'; known parameters: beta");
    }

    [Fact]
    public void Evaluate_OverrideWithWrongValueCount_NamesValuesField()
    {
        var error = Should.Throw<ModelValidationException>(() => Evaluate([Override("beta", 0, 1, "1", "2")], null, Parameter.Scalar("beta", 1)));

        error.Field.ShouldBe("parameter_overrides[0].values");
        error.Reason.ShouldBe("needs 1 value (for all age groups) or 3 (one per age group), got 2");
    }

    [Fact]
    public void Evaluate_OverrideWithUnknownName_NamesValuesField()
    {
        var error = Should.Throw<ModelValidationException>(() => Evaluate([Override("beta", 0, 1, "kappa")], null, Parameter.Scalar("beta", 1)));

        error.Field.ShouldBe("parameter_overrides[0].values");
        error.Reason.ShouldStartWith("unknown name 'kappa'");
    }

    [Fact]
    public void Evaluate_OverrideReferringToItsOwnParameter_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => Evaluate([Override("beta", 0, 1, "beta/2")], null, Parameter.Scalar("beta", 1)));

        error.Field.ShouldBe("parameter_overrides[0].values");
        error.Reason.ShouldContain("the parameter it overrides");
    }

    [Fact]
    public void Evaluate_OverrideCycleThroughAnotherParameter_NamesTheCycle()
    {
        var error = Should.Throw<ModelValidationException>(() =>
            Evaluate([Override("a", 0, 1, "b")], null, Parameter.Scalar("a", 1), Parameter.Expression("b", "a*2")));

        error.Field.ShouldBe("parameters.a");
        error.Reason.ShouldBe("circular definition a → b → a");
    }

    [Fact]
    public void Evaluate_NonFiniteOverride_NamesOverrideFieldAndCell()
    {
        var error = Should.Throw<ModelValidationException>(() =>
            Evaluate([Override("beta", 2, 4, "1", "1/zero", "1")], null, Parameter.Scalar("beta", 1), Parameter.Scalar("zero", 0)));

        error.Field.ShouldBe("parameter_overrides[0].values");
        error.Reason.ShouldBe("\"1/zero\" is Infinity at step 2 (2024-10-17), age group 1");
    }

    [Fact]
    public void Evaluate_OverrideEndingBeforeItStarts_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => Evaluate([Override("beta", 5, 1, "1")], null, Parameter.Scalar("beta", 1)));

        error.Field.ShouldBe("parameter_overrides[0].end");
    }
}
