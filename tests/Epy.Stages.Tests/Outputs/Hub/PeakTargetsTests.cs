using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class PeakTargetsTests
{
    [Fact]
    public void SeasonIncidence_ObservedWeeksOverrideTheProjection_AndProjectedWeeksFillTheRest()
    {
        var season = SeasonFixture.Season();

        season.Values[0].ShouldBe([50, 120, 90, 100, 60]);
        season.Values[2].ShouldBe([50, 120, 100, 140.4, 90]);
        season.MissingWeeks.ShouldBeEmpty();
    }

    [Fact]
    public void SeasonIncidence_WeekNeitherObservedNorProjected_IsMissingAndNaN()
    {
        DateOnly[] weeks = [.. SeasonFixture.Weeks, new(2025, 12, 27)];

        var season = SeasonIncidence.Of(weeks, SeasonFixture.Observed(), SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        season.MissingWeeks.ShouldBe([new DateOnly(2025, 12, 27)]);
        season.Values.ShouldAllBe(v => double.IsNaN(v[5]));
    }

    [Fact]
    public void SeasonIncidence_WeeksNotIncreasing_Throws()
    {
        DateOnly[] weeks = [SeasonFixture.Weeks[1], SeasonFixture.Weeks[0]];

        Should.Throw<ArgumentException>(() => SeasonIncidence.Of(weeks, SeasonFixture.Observed(), SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence()));
    }

    [Fact]
    public void Peaks_AreEachTrajectorysHighestSeasonWeek_ObservedIncluded()
    {
        PeakTargets.Peaks(SeasonFixture.Season()).ShouldBe([120, 130, 140.4, 120]);
    }

    [Fact]
    public void Quantiles_OfThePeaks_AreWholeAdmissions()
    {
        // Sorted peaks [120, 120, 130, 140.4]: level 0.25 → position 0.75 → 120; 0.5 → 1.5 → 125;
        // 0.75 → 2.25 → 130 + 0.25·10.4 = 132.6 → 133; 1 → 140.4 → 140.
        var quantiles = PeakTargets.Quantiles(SeasonFixture.Season(), [0, 0.25, 0.5, 0.75, 1]);

        quantiles.ShouldBe([120, 120, 125, 133, 140]);
    }

    [Fact]
    public void Quantiles_ObservedPeakAboveEveryProjection_IsTheObservedPeakAtEveryLevel()
    {
        var observed = SeasonFixture.Observed();
        observed[SeasonFixture.Weeks[1]] = 500;
        var season = SeasonIncidence.Of(SeasonFixture.Weeks, observed, SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        PeakTargets.Quantiles(season, [0.01, 0.5, 0.99]).ShouldBe([500, 500, 500]);
    }

    [Fact]
    public void Quantiles_NoTrajectoryCoversTheSeason_Throws()
    {
        DateOnly[] weeks = [new(2026, 3, 7)];
        var season = SeasonIncidence.Of(weeks, new Dictionary<DateOnly, double>(), SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        Should.Throw<ArgumentException>(() => PeakTargets.Quantiles(season, [0.5]));
    }
}
