using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

/// <summary>reference-model.md §3.3: the expected-value scheme reproduces the published figures.</summary>
[Collection(ReferenceModelsGroup.Name)]
public sealed class MeanFieldReferenceTests(ReferenceFixture reference)
{
    [Fact]
    public void Flu_MeanField_MatchesReferenceAdmissionsAndInfections()
    {
        var model = reference.Flu;
        var daily = MeanFieldSimulator.Run(model);
        var aggregator = new WeeklyAggregator(model.Layout);
        var weekly = aggregator.Aggregate(daily).Series("Home_sev_to_Hosp_total");

        weekly.Length.ShouldBe(33);
        var peak = weekly.Max();
        Array.IndexOf(weekly, peak).ShouldBe(10);
        aggregator.Weeks[10].ShouldBe(new DateOnly(2024, 12, 28));
        peak.ShouldBe(620.5, 0.05);
        daily.Series("Home_sev_to_Hosp_total").Sum().ShouldBe(5850.06, 0.005);
        daily.Series("S_to_L_total").Sum().ShouldBe(821274.5, 0.05);
    }

    [Fact]
    public void Sir_MeanField_MatchesReferenceIncidence()
    {
        var model = reference.Sir;
        var aggregator = new WeeklyAggregator(model.Layout);
        var weekly = aggregator.Aggregate(MeanFieldSimulator.Run(model)).Series("S_to_I_total");

        weekly.Length.ShouldBe(29);
        aggregator.Weeks[0].ShouldBe(new DateOnly(2020, 1, 4));
        Array.IndexOf(weekly, weekly.Max()).ShouldBe(7);
        aggregator.Weeks[7].ShouldBe(new DateOnly(2020, 2, 22));
        weekly.Max().ShouldBe(26527.1, 0.05);
        weekly.Sum().ShouldBe(94985.4, 0.05);
    }

    [Fact]
    public void Flu_Eigenvalue_IsSpectralRadiusOfSummedLayers()
    {
        reference.Flu.Eigenvalue.ShouldBe(14.200176193333611, 1e-11);
    }

    [Fact]
    public void Flu_StochasticMean_AgreesWithMeanField()
    {
        var model = reference.Flu;
        var expected = MeanFieldSimulator.Run(model).Series("Home_sev_to_Hosp_total").Sum();
        var simulator = new Simulator(model);
        var output = new SimulationOutput(model.Layout);
        var totals = new double[200];
        for (var i = 0; i < totals.Length; i++)
        {
            simulator.Run((ulong)i, output);
            totals[i] = output.Series("Home_sev_to_Hosp_total").Sum();
        }

        // Large populations: the stochastic mean is within a few percent of the expected-value path.
        totals.Average().ShouldBe(expected, expected * 0.03);
    }
}
