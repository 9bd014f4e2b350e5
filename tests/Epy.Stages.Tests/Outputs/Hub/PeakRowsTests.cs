using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class PeakRowsTests
{
    private static readonly DateOnly Reference = new(2025, 12, 6);
    private static readonly PeakSeason Season = new([0.5], SeasonFixture.Weeks, []);

    private static List<(DateOnly, double)> Observed() => [.. SeasonFixture.Observed().Select(p => (p.Key, p.Value))];

    [Fact]
    public void Build_GivesPeakQuantiles_AndThePeakWeekPmf_WithoutHorizonOrEndDate()
    {
        var (rows, warnings) = PeakRows.Build("25", Reference, Season, Observed(), SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        warnings.ShouldBeEmpty();
        rows.ShouldAllBe(r => r.Location == "25" && r.ReferenceDate == Reference && r.Horizon == null && r.TargetEndDate == null);
        var peak = rows.Where(r => r.Target == HubFormat.PeakIncidenceTarget).ShouldHaveSingleItem();
        peak.OutputType.ShouldBe(HubFormat.Quantile);
        peak.OutputTypeId.ShouldBe("0.5");
        peak.Value.ShouldBe(125); // peaks 120, 130, 140.4, 120: median 125
        var pmf = rows.Where(r => r.Target == HubFormat.PeakWeekTarget).ToList();
        pmf.Select(r => r.OutputTypeId).ShouldBe(["2025-11-22", "2025-11-29", "2025-12-06", "2025-12-13", "2025-12-20"]);
        pmf.Select(r => r.Value).ShouldBe([0, 0.375, 0.375, 0.25, 0]);
    }

    [Fact]
    public void Build_IgnoresObservationsTheForecastCannotKnow()
    {
        var late = Observed();
        late.Add((Reference, 1000));

        var (rows, _) = PeakRows.Build("25", Reference, Season, late, SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        rows.Single(r => r.Target == HubFormat.PeakIncidenceTarget).Value.ShouldBe(125);
    }

    [Fact]
    public void Build_WeeksNeitherObservedNorProjected_AreWarnedAbout_AndGetNoMass()
    {
        var (rows, warnings) = PeakRows.Build("25", Reference, Season, [], SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        warnings.ShouldHaveSingleItem().ShouldContain("1 of the season's 5 weeks");
        rows.Single(r => r.OutputTypeId == "2025-11-22").Value.ShouldBe(0);
        rows.Where(r => r.Target == HubFormat.PeakWeekTarget).Sum(r => r.Value).ShouldBe(1, 1e-12);
    }

    [Fact]
    public void Build_NoSeasonWeekCovered_GivesNoRows_AndAWarning()
    {
        var (rows, warnings) = PeakRows.Build("25", Reference, Season, [], [new DateOnly(2026, 1, 3)], [[1.0]]);

        rows.ShouldBeEmpty();
        warnings.ShouldHaveSingleItem().ShouldContain("no week of the hub's season");
    }

    [Fact]
    public void Build_WithoutPeakLevels_GivesOnlyThePeakWeekPmf()
    {
        var (rows, _) = PeakRows.Build("25", Reference, Season with { Levels = null }, Observed(), SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        rows.ShouldAllBe(r => r.Target == HubFormat.PeakWeekTarget);
    }
}
