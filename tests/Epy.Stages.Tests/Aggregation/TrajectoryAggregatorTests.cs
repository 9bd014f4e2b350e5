using Epy.Engine.Calibration;
using Epy.Stages.Aggregation;
using Epy.Stages.Configs;
using Epy.Stages.Tests.Outputs;

namespace Epy.Stages.Tests.Aggregation;

public sealed class TrajectoryAggregatorTests
{
    private static readonly DateOnly FirstWeek = new(2025, 3, 1);
    private static readonly SeriesChoice All = new(true, []);
    private static readonly SeriesChoice Nothing = new(false, []);

    private static WeightedProjection Source(string name, Projection projection, double weight = 1) => new(name, projection, weight);

    [Fact]
    public void Sum_AddsPairedTrajectories_WeekByWeek_AgeByAge()
    {
        var a = SyntheticProjection.Build(FirstWeek, 3, 5, (t, w) => 10 * t + w);
        var b = SyntheticProjection.Build(FirstWeek, 3, 5, (t, w) => 1000 * t);

        var sum = TrajectoryAggregator.Combine([Source("a", a), Source("b", b)], AggregationMethod.Sum, All, All, seed: 1);

        sum.Trajectories.Count.ShouldBe(5);
        // Each aggregated trajectory is a's i-th plus b's j-th; over all of them, i and j each run through 0..4 once.
        var pairs = sum.Trajectories.Select((_, k) => sum.Series(k, "Home_sev_to_Hosp_total")[2] - 2).Select(v => ((int)v % 1000 / 10, (int)v / 1000)).ToList();
        pairs.Select(p => p.Item1).Order().ShouldBe([0, 1, 2, 3, 4]);
        pairs.Select(p => p.Item2).Order().ShouldBe([0, 1, 2, 3, 4]);
        for (var k = 0; k < 5; k++)
        {
            var (i, j) = pairs[k];
            for (var w = 0; w < 3; w++)
            {
                sum.Series(k, "Home_sev_to_Hosp_total")[w].ShouldBe(10 * i + w + 1000 * j);
                sum.Series(k, "Home_sev_to_Hosp_5+")[w].ShouldBe((10 * i + w + 1000 * j) * 3 / 4.0);
                sum.Series(k, "S_0-4")[w].ShouldBe(2 * (1000 - w));
                sum.Series(k, "Hosp_5+")[w].ShouldBe(2 * (i + w) + 2 * (j + w));
            }
        }
    }

    [Fact]
    public void WeightedSum_MultipliesEachSourceByItsWeight()
    {
        var a = SyntheticProjection.Build(FirstWeek, 2, 3, (_, _) => 8);
        var b = SyntheticProjection.Build(FirstWeek, 2, 3, (_, _) => 100);

        var weighted = TrajectoryAggregator.Combine([Source("a", a, 0.25), Source("b", b, 3)], AggregationMethod.WeightedSum, Nothing, All, seed: 9);

        weighted.Compartments.ShouldBeEmpty();
        foreach (var k in Enumerable.Range(0, 3))
            weighted.Series(k, "Home_sev_to_Hosp_total").ShouldBe([302, 302]);
    }

    [Fact]
    public void Sum_IgnoresWeights()
    {
        var a = SyntheticProjection.Build(FirstWeek, 1, 1, (_, _) => 8);

        TrajectoryAggregator.Combine([Source("a", a, 0.5), Source("b", a, 2)], AggregationMethod.Sum, Nothing, All, seed: 9)
            .Series(0, "Home_sev_to_Hosp_total").ShouldBe([16]);
    }

    [Fact]
    public void UnequalCounts_GiveAsManyTrajectoriesAsTheSmallestSource_EachDrawnOnce()
    {
        var a = SyntheticProjection.Build(FirstWeek, 1, 7, (t, _) => t);
        var b = SyntheticProjection.Build(FirstWeek, 1, 3, (_, _) => 0);

        var sum = TrajectoryAggregator.Combine([Source("a", a), Source("b", b)], AggregationMethod.Sum, Nothing, All, seed: 5);

        sum.Trajectories.Count.ShouldBe(3);
        sum.Trajectories.Select((_, k) => sum.Series(k, "Home_sev_to_Hosp_total")[0]).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void TheSameSeed_GivesTheSamePairs_AnotherSeedOthers()
    {
        var a = SyntheticProjection.Build(FirstWeek, 1, 20, (t, _) => t);
        var b = SyntheticProjection.Build(FirstWeek, 1, 20, (t, _) => 100 * t);
        double[] Values(ulong seed)
        {
            var sum = TrajectoryAggregator.Combine([Source("a", a), Source("b", b)], AggregationMethod.Sum, Nothing, All, seed);
            return [.. sum.Trajectories.Select((_, k) => sum.Series(k, "Home_sev_to_Hosp_total")[0])];
        }

        Values(3).ShouldBe(Values(3));
        Values(3).ShouldNotBe(Values(4));
    }

    [Fact]
    public void WeeksOneSourceLacks_CountAsZeroForIt()
    {
        var a = SyntheticProjection.Build(FirstWeek, 2, 1, (_, _) => 5);
        var b = SyntheticProjection.Build(FirstWeek.AddDays(7), 2, 1, (_, _) => 50);

        var sum = TrajectoryAggregator.Combine([Source("a", a), Source("b", b)], AggregationMethod.Sum, Nothing, All, seed: 1);

        sum.Weeks.ShouldBe([FirstWeek, FirstWeek.AddDays(7), FirstWeek.AddDays(14)]);
        sum.Series(0, "Home_sev_to_Hosp_total").ShouldBe([5, 55, 50]);
    }

    [Fact]
    public void NamedSeries_SelectTheirWholeCompartment_InTheOrderWritten()
    {
        var a = SyntheticProjection.Build(FirstWeek, 1, 1, (_, _) => 5);

        var sum = TrajectoryAggregator.Combine([Source("a", a), Source("b", a)], AggregationMethod.Sum,
            new SeriesChoice(false, ["Hosp_total", "S_0-4", "Hosp_5+"]), new SeriesChoice(false, ["Home_sev_to_Hosp"]), seed: 1);

        sum.Compartments.ShouldBe(["Hosp", "S"]);
        sum.Flows.ShouldBe(["Home_sev_to_Hosp"]);
        sum.Series(0, "S_5+").ShouldBe([2000]);
    }

    [Fact]
    public void AllSelectsWhatEverySourceHas()
    {
        var a = SyntheticProjection.Build(FirstWeek, 1, 1, (_, _) => 5);
        var b = a with { Compartments = ["Hosp", "R"] };

        TrajectoryAggregator.Combine([Source("a", a), Source("b", b)], AggregationMethod.Sum, All, Nothing, seed: 1).Compartments.ShouldBe(["Hosp"]);
    }

    [Fact]
    public void ANameASourceLacks_OtherAgeGroups_OrNoTrajectory_AreRefused()
    {
        var a = SyntheticProjection.Build(FirstWeek, 1, 2, (_, _) => 5);
        var other = a with { Compartments = ["S", "R"] };

        Should.Throw<ArgumentException>(() => TrajectoryAggregator.Combine([Source("a", a), Source("b", other)], AggregationMethod.Sum, new(false, ["Hosp_total"]), Nothing, 1))
            .Message.ShouldBe("compartment 'Hosp_total' is not in b (it has S, R)");
        Should.Throw<ArgumentException>(() => TrajectoryAggregator.Combine([Source("a", a), Source("b", a with { AgeGroups = ["all", "x"] })], AggregationMethod.Sum, All, All, 1))
            .Message.ShouldContain("paired trajectories must share them");
        Should.Throw<ArgumentException>(() => TrajectoryAggregator.Combine([Source("a", a), Source("b", a with { Trajectories = [] })], AggregationMethod.Sum, All, All, 1))
            .Message.ShouldBe("b has no trajectory to aggregate");
    }
}
