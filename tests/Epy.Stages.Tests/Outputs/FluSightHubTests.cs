using Epy.Stages.ReferenceData;
using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class FluSightHubTests
{
    internal static readonly DateOnly Reference = new(2025, 3, 15);

    // Changes from the baseline (5000 observed in the week ending 2025-03-08), one per trajectory;
    // population 1e8, so a rate of r per 100k is a change of 1000·r admissions.
    private static readonly double[] Deltas = [-2000, -1000, -5, 0, 5, 299, 300, 1000, 1700, 5000];

    internal static LocationResult Massachusetts() => new(
        0, "US-MA", 42, SyntheticProjection.Build(new DateOnly(2025, 3, 1), 6, Deltas.Length, (t, w) => 5000 + Deltas[t]));

    internal static HubRequest Request(bool observed = true) => new(
        Reference,
        ["Home_sev_to_Hosp_total"],
        FluSightLocations.Parse(new StringReader(ReferenceTablesTests.Locations)),
        LocationCodebook.Parse(ReferenceTablesTests.Codebook, "codebook"),
        observed ? ObservedCounts.From([("US-MA", Reference.AddDays(-7), 5000.0)]) : null);

    [Fact]
    public void Build_QuantilesForHorizonsMinusOneToThree_PmfForZeroToThree()
    {
        var forecast = FluSightHub.Build([Massachusetts()], Request());

        forecast.Warnings.ShouldBeEmpty();
        forecast.Rows.Count.ShouldBe(5 * 23 + 4 * 5);
        forecast.Rows.ShouldAllBe(r => r.Location == "25" && r.ReferenceDate == Reference);
        forecast.Rows.ShouldAllBe(r => r.Horizon != null && r.TargetEndDate == Reference.AddDays(7 * r.Horizon.Value));
        var quantiles = forecast.Rows.Where(r => r.Target == "wk inc flu hosp").ToList();
        quantiles.ShouldAllBe(r => r.OutputType == "quantile");
        quantiles.Select(r => r.Horizon).Distinct().ShouldBe([-1, 0, 1, 2, 3]);
        quantiles.Take(23).Select(r => r.OutputTypeId).ShouldBe(Quantiles.FluSightLevels.Select(l => l.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var pmf = forecast.Rows.Where(r => r.Target == "wk flu hosp rate change").ToList();
        pmf.ShouldAllBe(r => r.OutputType == "pmf");
        pmf.Select(r => r.Horizon).Distinct().ShouldBe([0, 1, 2, 3]);
    }

    [Fact]
    public void Build_QuantileValues_AreNumpyQuantilesOfTheSummedSeries()
    {
        var forecast = FluSightHub.Build([Massachusetts()], Request());
        var horizonMinusOne = forecast.Rows.Where(r => r.Horizon == -1).ToList();

        horizonMinusOne[0].TargetEndDate.ShouldBe(new DateOnly(2025, 3, 8));
        // Median of 5000 + deltas: between 5005 and 5299 → 5152.
        horizonMinusOne.Single(r => r.OutputTypeId == "0.5").Value.ShouldBe(5152);
        // 0.01: position 0.09 between 3000 and 4000 → 3090.
        horizonMinusOne.Single(r => r.OutputTypeId == "0.01").Value.ShouldBe(3090, 1e-9);
        horizonMinusOne.Zip(horizonMinusOne.Skip(1)).ShouldAllBe(p => p.First.Value <= p.Second.Value);
    }

    [Fact]
    public void Build_IncidenceQuantiles_AreWholeNumbersRoundedHalfToEven()
    {
        // Two trajectories: {2, 3} admissions in the week ending 2025-03-08 (horizon −1), {3, 4} in the next.
        var location = new LocationResult(0, "US-MA", 42,
            SyntheticProjection.Build(new DateOnly(2025, 3, 1), 6, 2, (t, w) => 2 + t + (w >= 2 ? 1 : 0)));

        var quantiles = FluSightHub.Build([location], Request()).Rows.Where(r => r.OutputType == "quantile").ToList();

        quantiles.ShouldAllBe(r => r.Value == Math.Floor(r.Value) && r.Value >= 0);
        // Medians 2.5 and 3.5 round to the even neighbour, as np.rint does.
        quantiles.Single(r => r.Horizon == -1 && r.OutputTypeId == "0.5").Value.ShouldBe(2);
        quantiles.Single(r => r.Horizon == 0 && r.OutputTypeId == "0.5").Value.ShouldBe(4);
        quantiles.Single(r => r.Horizon == -1 && r.OutputTypeId == "0.75").Value.ShouldBe(3);
        foreach (var horizon in quantiles.GroupBy(r => r.Horizon))
            horizon.Zip(horizon.Skip(1)).ShouldAllBe(p => p.First.Value <= p.Second.Value);
    }

    [Fact]
    public void Build_RateChangePmf_IsTheShareOfTrajectoriesPerCategory()
    {
        var pmf = FluSightHub.Build([Massachusetts()], Request()).Rows.Where(r => r.OutputType == "pmf").ToList();

        double Share(int horizon, string category) => pmf.Single(r => r.Horizon == horizon && r.OutputTypeId == category).Value;
        // Horizon 0 (0.3 / 1.7 per 100k = 300 / 1700 admissions).
        Share(0, "large_decrease").ShouldBe(0.1);
        Share(0, "decrease").ShouldBe(0.1);
        Share(0, "stable").ShouldBe(0.4);
        Share(0, "increase").ShouldBe(0.2);
        Share(0, "large_increase").ShouldBe(0.2);
        // Horizon 3 (1 / 5 per 100k = 1000 / 5000 admissions).
        Share(3, "large_decrease").ShouldBe(0);
        Share(3, "decrease").ShouldBe(0.2);
        Share(3, "stable").ShouldBe(0.5);
        Share(3, "increase").ShouldBe(0.2);
        Share(3, "large_increase").ShouldBe(0.1);
        foreach (var horizon in new[] { 0, 1, 2, 3 })
            pmf.Where(r => r.Horizon == horizon).Sum(r => r.Value).ShouldBe(1, 1e-12);
    }

    internal static Epy.Stages.Outputs.Hub.PeakSeason Season() =>
        new(Quantiles.FluSightLevels, [.. Enumerable.Range(0, 6).Select(w => new DateOnly(2025, 3, 1).AddDays(7 * w))], []);

    [Fact]
    public void Build_WithAPeakSeason_AppendsPeakRows_AndLeavesTheWeeklyRowsAsTheyWere()
    {
        var weekly = FluSightHub.Build([Massachusetts()], Request()).Rows;

        var forecast = FluSightHub.Build([Massachusetts()], Request() with { Peaks = Season() });

        forecast.Warnings.ShouldBeEmpty();
        forecast.Rows.Take(weekly.Count).ShouldBe(weekly);
        var peaks = forecast.Rows.Skip(weekly.Count).ToList();
        peaks.ShouldAllBe(r => r.Location == "25" && r.Horizon == null && r.TargetEndDate == null);
        peaks.Where(r => r.Target == "peak inc flu hosp").Select(r => r.OutputTypeId).ShouldBe(weekly.Take(23).Select(r => r.OutputTypeId));
        var pmf = peaks.Where(r => r.Target == "peak week inc flu hosp").ToList();
        pmf.Count.ShouldBe(6);
        pmf.Sum(r => r.Value).ShouldBe(1, 1e-12);
        // Trajectories below the observed 5000 of 2025-03-08 peak there.
        pmf.Single(r => r.OutputTypeId == "2025-03-08").Value.ShouldBeGreaterThanOrEqualTo(0.2);
    }

    [Fact]
    public void Build_WithAPeakSeason_ButNoObservations_LeavesThePeaksOut_WithAWarning()
    {
        var forecast = FluSightHub.Build([Massachusetts()], Request(observed: false) with { Peaks = Season() });

        forecast.Rows.ShouldAllBe(r => r.Target == "wk inc flu hosp");
        forecast.Warnings.ShouldContain("no observed data: peak rows left out");
    }

    [Fact]
    public void Build_SumsEveryNamedSeries()
    {
        var request = Request() with { IncidenceSeries = ["Home_sev_to_Hosp_0-4", "Home_sev_to_Hosp_5+"] };
        var summed = FluSightHub.Build([Massachusetts()], request).Rows;
        var total = FluSightHub.Build([Massachusetts()], Request()).Rows;

        summed.Select(r => r.Value).ShouldBe(total.Select(r => r.Value));
    }

    [Fact]
    public void Build_LeavesOutWhatItCannotFill_WithWarnings()
    {
        var unknown = Massachusetts() with { PrimaryId = 1, Population = "US-ZZ" };
        var noObservation = Massachusetts() with { PrimaryId = 2, Population = "US" };
        var forecast = FluSightHub.Build([unknown, noObservation], Request());

        forecast.Rows.ShouldAllBe(r => r.Location == "US" && r.OutputType == "quantile");
        forecast.Rows.Count.ShouldBe(5 * 23);
        forecast.Warnings.Count.ShouldBe(2);
        forecast.Warnings[0].ShouldContain("US-ZZ");
        forecast.Warnings[1].ShouldContain("2025-03-08");
    }

    [Fact]
    public void Build_WithoutObservations_WritesOnlyQuantiles()
    {
        var forecast = FluSightHub.Build([Massachusetts()], Request(observed: false));

        forecast.Rows.ShouldAllBe(r => r.OutputType == "quantile");
        forecast.Warnings.ShouldHaveSingleItem();
    }

    [Fact]
    public void Build_ReferenceDateNotSaturday_Throws()
    {
        Should.Throw<ArgumentException>(() => FluSightHub.Build([Massachusetts()], Request() with { ReferenceDate = Reference.AddDays(1) }));
    }

    [Fact]
    public void HubWriter_WritesTheHubColumns_AndIsoDates()
    {
        using var text = new StringWriter();
        HubWriter.Write(text, FluSightHub.Build([Massachusetts()], Request()).Rows);
        var lines = text.ToString().Split('\n');

        lines[0].ShouldBe("location,reference_date,horizon,target_end_date,target,output_type,output_type_id,value");
        lines[1].ShouldBe("25,2025-03-15,-1,2025-03-08,wk inc flu hosp,quantile,0.01,3090");
        lines.ShouldContain("25,2025-03-15,0,2025-03-15,wk flu hosp rate change,pmf,stable,0.4");
    }
}
