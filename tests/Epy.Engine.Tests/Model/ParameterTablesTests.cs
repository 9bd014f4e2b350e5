using Epy.Engine.Model;

namespace Epy.Engine.Tests.Model;

public class ParameterTablesTests
{
    private const int Ages = 5;
    private static readonly DateOnly Start = new(2024, 10, 15);
    private static readonly TimeGrid Season = new(Start, new DateOnly(2025, 5, 31));
    private static readonly TimeGrid Week = new(Start, new DateOnly(2024, 10, 21));

    private static Parameter P(string name, string expression) => Parameter.Expression(name, expression);

    private static ParameterTables Evaluate(TimeGrid grid, params Parameter[] parameters) =>
        ParameterTables.Evaluate(parameters, grid, Ages, eigenvalue: 2.0);

    private static double Cell(ParameterTables tables, string name, int step, int age) => tables[name][step * Ages + age];

    [Fact]
    public void Evaluate_Scalar_FillsEveryCell()
    {
        var tables = Evaluate(Season, Parameter.Scalar("mu", 1 / 1.5));

        tables.Steps.ShouldBe(229);
        tables.AgeGroups.ShouldBe(Ages);
        tables["mu"].Length.ShouldBe(229 * Ages);
        tables["mu"].ToArray().ShouldAllBe(v => v == 1 / 1.5);
    }

    [Fact]
    public void Evaluate_AgeVarying_UsesOneValuePerAgeGroupOnEveryStep()
    {
        var tables = Evaluate(Week, Parameter.AgeVarying("p_h", 0.1, 0.2, 0.3, 0.4, 0.5));

        for (var t = 0; t < Week.Steps; t++)
        {
            for (var k = 0; k < Ages; k++)
                Cell(tables, "p_h", t, k).ShouldBe(0.1 * (k + 1), 1e-15);
        }
    }

    [Fact]
    public void Evaluate_PerDate_UsesOneValuePerStepForEveryAgeGroup()
    {
        var values = Enumerable.Range(0, Week.Steps).Select(t => $"{t}/2").ToArray();

        var tables = Evaluate(Week, new Parameter("Rt", ParameterShape.PerDate, values));

        for (var t = 0; t < Week.Steps; t++)
        {
            for (var k = 0; k < Ages; k++)
                Cell(tables, "Rt", t, k).ShouldBe(t / 2.0);
        }
    }

    [Fact]
    public void Evaluate_PerDateAndAge_UsesRowMajorValues()
    {
        var values = Enumerable.Range(0, Week.Steps * Ages).Select(c => $"{c}").ToArray();

        var tables = Evaluate(Week, new Parameter("x", ParameterShape.PerDateAndAge, values));

        tables["x"].ToArray().ShouldBe(Enumerable.Range(0, Week.Steps * Ages).Select(c => (double)c).ToArray());
    }

    [Fact]
    public void Evaluate_ExpressionsOverOtherShapes_AreEvaluatedCellByCell()
    {
        var rt = new Parameter("Rt", ParameterShape.PerDate, [.. Enumerable.Range(0, Week.Steps).Select(t => $"1+{t}")]);
        var aged = new Parameter("s", ParameterShape.AgeVarying, ["1", "2", "3", "Rt", "Rt*eigenvalue"]);

        // Declared before what it reads: evaluation follows dependencies, not declaration order.
        var tables = Evaluate(Week, P("product", "s*Rt"), aged, rt);

        for (var t = 0; t < Week.Steps; t++)
        {
            double[] s = [1, 2, 3, 1 + t, (1 + t) * 2.0];
            for (var k = 0; k < Ages; k++)
            {
                Cell(tables, "s", t, k).ShouldBe(s[k]);
                Cell(tables, "product", t, k).ShouldBe(s[k] * (1 + t));
            }
        }
        tables.Names.ShouldBe(["product", "s", "Rt"]);
    }

    [Fact]
    public void Evaluate_BetaFormula_MatchesEpymodelingsuite()
    {
        var tables = ParameterTables.Evaluate(
            [
                P("beta", "Rt*mu/(eigenvalue*(1-p_asymp+p_asymp*r_beta_asymp))"),
                Parameter.Scalar("Rt", 1.2),
                P("mu", "1/1.5"),
                Parameter.Scalar("p_asymp", 0.45),
                Parameter.Scalar("r_beta_asymp", 0.5),
            ],
            Season,
            Ages,
            eigenvalue: 14.200176193333611);

        foreach (var beta in tables["beta"].ToArray())
            Math.Abs(beta / 0.07269332791805294 - 1).ShouldBeLessThan(1e-15);
    }

    [Fact]
    public void Eigenvalue_IsReadableButNotAParameter()
    {
        var tables = Evaluate(Week, Parameter.Scalar("a", 1));

        tables.Contains("eigenvalue").ShouldBeTrue();
        tables["eigenvalue"][0].ShouldBe(2.0);
        tables.Eigenvalue.ShouldBe(2.0);
        tables.Names.ShouldBe(["a"]);
        tables.Contains("b").ShouldBeFalse();
    }

    [Fact]
    public void Indexer_UnknownName_ThrowsKeyNotFoundNamingIt()
    {
        var tables = Evaluate(Week, Parameter.Scalar("a", 1));

        Should.Throw<KeyNotFoundException>(() => tables["gamma"].Length).Message.ShouldContain("'gamma'");
    }

    [Fact]
    public void EvaluateExpression_Rate_IsEvaluatedOverTheTables()
    {
        var tables = Evaluate(Week, Parameter.AgeVarying("p_h", 0.1, 0.2, 0.3, 0.4, 0.5), P("mu", "1/1.5"));

        var rate = tables.EvaluateExpression("mu*(1-p_h)", "transitions[3].rate");
        var into = new double[Week.Steps * Ages];
        tables.EvaluateExpression("mu*(1-p_h)", "transitions[3].rate", into);

        for (var k = 0; k < Ages; k++)
            rate[2 * Ages + k].ShouldBe(1 / 1.5 * (1 - 0.1 * (k + 1)), 1e-15);
        into.ShouldBe(rate);
    }

    [Fact]
    public void EvaluateExpression_ParsedRateIntoCallerSpan_DoesNotAllocate()
    {
        var tables = Evaluate(Season, Parameter.AgeVarying("p_h", 0.1, 0.2, 0.3, 0.4, 0.5), P("mu", "1/1.5"), P("beta", "0.05"));
        var rate = Epy.Engine.Expressions.Expression.Parse("beta*(mu*(1-p_h)+(mu/2)*p_h)/eigenvalue", "rate");
        var destination = new double[Season.Steps * Ages];
        tables.EvaluateExpression(rate, "rate", destination);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
            tables.EvaluateExpression(rate, "rate", destination);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBe(0);
        destination[7].ShouldBe(0.05 * (1 / 1.5 * (1 - 0.3) + 1 / 1.5 / 2 * 0.3) / 2.0, 1e-15);
    }

    [Fact]
    public void EvaluateExpression_UnknownName_NamesFieldAndName()
    {
        var tables = Evaluate(Week, Parameter.Scalar("mu", 1));

        var error = Should.Throw<ModelValidationException>(() => tables.EvaluateExpression("mu*gamma", "transitions[1].rate"));

        error.Field.ShouldBe("transitions[1].rate");
        error.Reason.ShouldBe("unknown name 'gamma' in \"mu*gamma\"; known names: mu, eigenvalue");
    }

    [Fact]
    public void EvaluateExpression_NonFinite_NamesFieldAndFirstBadCell()
    {
        var tables = Evaluate(Week, Parameter.AgeVarying("x", 1, 1, 0, 1, 1));

        var error = Should.Throw<ModelValidationException>(() => tables.EvaluateExpression("1/x", "transitions[0].rate"));

        error.Field.ShouldBe("transitions[0].rate");
        error.Reason.ShouldBe("\"1/x\" is Infinity at step 0 (2024-10-15), age group 2");
    }

    [Fact]
    public void EvaluateExpression_WrongDestinationLength_Throws()
    {
        var tables = Evaluate(Week, Parameter.Scalar("mu", 1));

        Should.Throw<ArgumentException>(() => tables.EvaluateExpression("mu", "rate", new double[3]));
    }
}
