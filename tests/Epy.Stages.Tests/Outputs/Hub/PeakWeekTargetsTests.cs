using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class PeakWeekTargetsTests
{
    [Fact]
    public void Pmf_TiedPeakWeeks_ShareTheTrajectorysMass()
    {
        // 11-29: t0 (1) + t3 (½); 12-06: t1 (1) + t3 (½); 12-13: t2 (1); over 4 trajectories.
        var pmf = PeakWeekTargets.Pmf(SeasonFixture.Season());

        pmf.ShouldBe([0, 0.375, 0.375, 0.25, 0]);
        pmf.Sum().ShouldBe(1, 1e-12);
    }

    [Fact]
    public void Pmf_ObservedPeakAboveEveryProjection_PutsAllMassOnTheObservedWeek()
    {
        var observed = SeasonFixture.Observed();
        observed[SeasonFixture.Weeks[0]] = 500;
        var season = SeasonIncidence.Of(SeasonFixture.Weeks, observed, SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        PeakWeekTargets.Pmf(season).ShouldBe([1, 0, 0, 0, 0]);
    }

    [Fact]
    public void Pmf_MissingWeek_GetsNoMass_AndThePmfStillSumsToOne()
    {
        DateOnly[] weeks = [.. SeasonFixture.Weeks, new(2025, 12, 27)];
        var season = SeasonIncidence.Of(weeks, SeasonFixture.Observed(), SeasonFixture.ProjectionWeeks, SeasonFixture.Incidence());

        var pmf = PeakWeekTargets.Pmf(season);

        pmf[5].ShouldBe(0);
        pmf.Sum().ShouldBe(1, 1e-12);
    }

    [Fact]
    public void Pmf_ThreeWayTie_SumsToOne()
    {
        DateOnly[] projection = [.. SeasonFixture.Weeks];
        double[][] flat = [[7, 7, 7, 1, 1], [1, 2, 3, 4, 5], [9, 1, 1, 1, 1]];
        var season = SeasonIncidence.Of(SeasonFixture.Weeks, new Dictionary<DateOnly, double>(), projection, flat);

        var pmf = PeakWeekTargets.Pmf(season);

        pmf[0].ShouldBe((1.0 / 3 + 1) / 3, 1e-15);
        pmf[1].ShouldBe(1.0 / 9, 1e-15);
        pmf[4].ShouldBe(1.0 / 3, 1e-15);
        pmf.Sum().ShouldBe(1, 1e-12);
    }
}
