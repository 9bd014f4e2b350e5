using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class SampleTargetsTests
{
    private static readonly DateOnly Reference = new(2025, 12, 13);
    private static readonly int[] Horizons = [-1, 0, 1, 2];
    private static readonly DateOnly[] Weeks = [new(2025, 11, 29), new(2025, 12, 6), new(2025, 12, 13), new(2025, 12, 20), new(2025, 12, 27)];
    private static readonly SampleIds Ids = new("MA", 2);

    // Trajectory t, week w: 10·t + w + 0.4 (rounds down to 10·t + w).
    private static double[][] Incidence(int trajectories) =>
        [.. Enumerable.Range(0, trajectories).Select(t => Enumerable.Range(0, Weeks.Length).Select(w => 10.0 * t + w + 0.4).ToArray())];

    private static SampleSet Build(double[][] incidence, int min = 1, int max = 100, ulong seed = 7) =>
        SampleTargets.Build(Weeks, incidence, Reference, Horizons, "25", HubFormat.IncidenceTarget, min, max, Ids, 15, seed);

    [Fact]
    public void Build_EachSampleSpansEveryHorizon_WithOneIdAndOneTrajectory()
    {
        var set = Build(Incidence(3));

        set.Warning.ShouldBeNull();
        set.Rows.Count.ShouldBe(3 * Horizons.Length);
        foreach (var sample in set.Rows.GroupBy(r => r.OutputTypeId))
        {
            sample.Select(r => r.Horizon!.Value).ShouldBe(Horizons);
            sample.Select(r => r.TargetEndDate!.Value).ShouldBe([new(2025, 12, 6), new(2025, 12, 13), new(2025, 12, 20), new(2025, 12, 27)]);
            var t = int.Parse(sample.Key[2..], System.Globalization.CultureInfo.InvariantCulture);
            sample.Select(r => r.Value).ShouldBe([10.0 * t + 1, 10.0 * t + 2, 10.0 * t + 3, 10.0 * t + 4]);
        }
        set.Rows.Select(r => r.OutputTypeId).Distinct().ShouldBe(["MA00", "MA01", "MA02"]);
        set.Rows.ShouldAllBe(r => r.OutputType == "sample" && r.Location == "25" && r.ReferenceDate == Reference && r.Target == "wk inc flu hosp");
    }

    [Fact]
    public void Build_MoreTrajectoriesThanAsked_DrawsThatManyDistinctOnes_TheSameForTheSameSeed()
    {
        var incidence = Incidence(300);

        var first = Build(incidence, min: 100, max: 100, seed: 42);
        var again = Build(incidence, min: 100, max: 100, seed: 42);

        first.Trajectories.Count.ShouldBe(100);
        first.Trajectories.Distinct().Count().ShouldBe(100);
        first.Trajectories.ShouldBe(first.Trajectories.Order());
        again.Rows.ShouldBe(first.Rows);
        first.Rows.Select(r => r.OutputTypeId).Distinct().Last().ShouldBe("MA99");
    }

    [Fact]
    public void Build_TrajectoryWithAGapInAHorizon_IsNotASample()
    {
        var incidence = Incidence(3);
        incidence[1][3] = double.NaN;

        var set = Build(incidence);

        set.Trajectories.ShouldBe([0, 2]);
        set.Rows.Select(r => r.OutputTypeId).Distinct().ShouldBe(["MA00", "MA01"]);
    }

    [Fact]
    public void Build_FewerCompleteTrajectoriesThanTheHubsMinimum_WritesNoRowAndSaysWhy()
    {
        var set = Build(Incidence(3), min: 100, max: 100);

        set.Rows.ShouldBeEmpty();
        set.Warning.ShouldNotBeNull().ShouldContain("at least 100");
    }

    [Fact]
    public void Build_HorizonWeekNotProjected_WritesNoRowAndNamesTheWeek()
    {
        var set = SampleTargets.Build(Weeks, Incidence(3), Reference, [-1, 0, 1, 2, 3], "25", HubFormat.IncidenceTarget, 1, 100, Ids, 15, 7);

        set.Rows.ShouldBeEmpty();
        set.Warning.ShouldNotBeNull().ShouldContain("2026-01-03 (horizon 3)");
    }

    [Fact]
    public void Build_IdLongerThanTheHubAllows_Throws()
    {
        Should.Throw<ArgumentException>(() => SampleTargets.Build(Weeks, Incidence(3), Reference, Horizons, "25", HubFormat.IncidenceTarget, 1, 100,
            new SampleIds("a-very-long-prefix", 2), 15, 7));
    }

    [Fact]
    public void SampleIds_PadTheNumberToTheWidth()
    {
        new SampleIds("US", 3).Id(7).ShouldBe("US007");
        new SampleIds("US", 2).Id(123).ShouldBe("US123");
    }
}
