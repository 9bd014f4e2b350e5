using Epy.Engine.Model;

namespace Epy.Engine.Tests.Model;

/// <summary>Tables evaluated again in place with new scalar values give the cells of evaluating those values afresh.</summary>
public class ParameterTablesRefillTests
{
    private const int Ages = 3;
    private static readonly TimeGrid Season = new(new DateOnly(2024, 10, 15), new DateOnly(2025, 5, 31));

    private static ParameterTables Evaluate(double rt, double minimum) => ParameterTables.Evaluate(
        [
            Parameter.Expression("beta", "Rt*mu/eigenvalue"),
            Parameter.Scalar("Rt", rt),
            Parameter.Expression("mu", "1/1.5"),
            Parameter.AgeVarying("p", 0.1, 0.2, 0.3),
        ],
        Season, Ages, eigenvalue: 7.5,
        overrides: [new ParameterOverride("Rt", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 10), ["0.9"])],
        seasonality: new Seasonality("beta", new DateOnly(2024, 10, 1), MinValue: minimum));

    [Fact]
    public void Refill_NewScalarAndSeasonalMinimum_GivesTheTablesOfAFreshEvaluation()
    {
        var tables = Evaluate(1.2, 0.65);
        var beta = tables["beta"].ToArray();

        tables.SetScalar("Rt", 1.7);
        tables.SetSeasonalityMinimum(0.5);
        tables.Refill();

        var fresh = Evaluate(1.7, 0.5);
        foreach (var name in new[] { "beta", "Rt", "mu", "p" })
            tables[name].ToArray().ShouldBe(fresh[name].ToArray(), name);
        tables["beta"].ToArray().ShouldNotBe(beta);
    }

    [Fact]
    public void Varies_AfterSetScalar_IsTheSetTableAndWhatReadsIt()
    {
        var tables = Evaluate(1.2, 0.65);

        tables.SetScalar("Rt", 1.7);

        tables.Varies("Rt").ShouldBeTrue();
        tables.Varies("beta").ShouldBeTrue();
        tables.Varies("mu").ShouldBeFalse();
        tables.Varies("p").ShouldBeFalse();
        tables.Varies(ParameterTables.EigenvalueName).ShouldBeFalse();
    }

    [Fact]
    public void Refill_OnlySeasonalMinimumSet_LeavesOtherTablesAsEvaluated()
    {
        var tables = Evaluate(1.2, 0.65);
        var rt = tables["Rt"].ToArray();

        tables.SetSeasonalityMinimum(0.5);
        tables.Refill();

        tables.Varies("Rt").ShouldBeFalse();
        tables["Rt"].ToArray().ShouldBe(rt);
        tables["beta"].ToArray().ShouldBe(Evaluate(1.2, 0.5)["beta"].ToArray());
    }

    [Fact]
    public void SetScalar_ParameterGivenByAnExpression_Throws()
    {
        var tables = Evaluate(1.2, 0.65);

        Should.Throw<ArgumentException>(() => tables.SetScalar("beta", 1.0)).Message.ShouldContain("'beta'");
    }
}
