using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

public sealed class WeeklyAggregatorTests
{
    [Theory]
    [InlineData("2024-10-15", "2024-10-19")] // Tuesday → Saturday
    [InlineData("2024-10-19", "2024-10-19")] // a Saturday ends its own week
    [InlineData("2024-10-20", "2024-10-26")] // Sunday starts the next week
    [InlineData("2024-12-31", "2025-01-04")] // across the year
    public void WeekEnding_IsTheSaturdayOnOrAfter(string date, string saturday)
    {
        WeeklyAggregator.WeekEnding(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateOnly.Parse(saturday, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Aggregate_PartialFirstAndLastWeeks_SumFlowsAndTakeLastState()
    {
        // 2024-01-01 is a Monday: 17 days give a 6-day first week, one full week, and a 4-day last week.
        var model = TestModels.Compile(TestModels.Sir(0.4, 0.1), TestModels.OneGroup(100_000), 17, b => b.Counts("I", [50]).Rest("S"));
        var aggregator = new WeeklyAggregator(model.Layout);
        var daily = new Simulator(model).Run(3);
        var weekly = aggregator.Aggregate(daily);

        aggregator.Weeks.ShouldBe([new DateOnly(2024, 1, 6), new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 20)]);
        var incidence = daily.Series("S_to_I_total");
        weekly.Series("S_to_I_total").ShouldBe([incidence[..6].Sum(), incidence[6..13].Sum(), incidence[13..].Sum()]);
        var infected = daily.Series("I_total");
        weekly.Series("I_total").ShouldBe([infected[5], infected[12], infected[16]]);
    }

    [Fact]
    public void Aggregate_EveryFlowOfEveryGroup_IsTheSumOfItsDays()
    {
        // Three flows × three groups: nine counts a step, eight added as a vector and one alone.
        var model = TestModels.Compile(TestModels.Seir(0.5, 0.3, 0.1), TestModels.ThreeGroups(), 30, b => b.Counts("I", [20, 20, 20]).Rest("S"));
        var aggregator = new WeeklyAggregator(model.Layout);
        var daily = new Simulator(model).Run(4);
        var weekly = aggregator.Aggregate(daily);

        var flows = model.Layout.Flows.Count;
        var ages = model.Layout.AgeGroupCount;
        var expected = new double[weekly.FlowValues.Length];
        for (var t = 0; t < model.Grid.Steps; t++)
        {
            var week = aggregator.Weeks.ToList().FindIndex(end => end >= model.Layout.Dates[t]);
            for (var f = 0; f < flows; f++)
                for (var k = 0; k < ages; k++)
                    expected[(week * flows + f) * ages + k] += daily.Flow(t, f, k);
        }
        (flows * ages).ShouldBe(9);
        weekly.FlowValues.ShouldBe(expected);
        expected.Sum().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Aggregate_ReusedWeeklyBuffer_IsResetBetweenRuns()
    {
        var model = TestModels.Compile(TestModels.Sir(0.4, 0.1), TestModels.OneGroup(100_000), 30, b => b.Counts("I", [50]).Rest("S"));
        var aggregator = new WeeklyAggregator(model.Layout);
        var simulator = new Simulator(model);
        var daily = new SimulationOutput(model.Layout);
        var weekly = aggregator.CreateOutput();
        simulator.Run(1, daily);
        aggregator.Aggregate(daily, weekly);
        simulator.Run(2, daily);
        aggregator.Aggregate(daily, weekly);

        weekly.FlowValues.ShouldBe(aggregator.Aggregate(daily).FlowValues);
    }

    [Fact]
    public void Aggregate_SubDailySteps_GroupByCalendarDate()
    {
        var model = TestModels.Compile(TestModels.Sir(0.4, 0.1), TestModels.OneGroup(100_000), 14, b => b.Counts("I", [50]).Rest("S"), dt: 0.25);
        var aggregator = new WeeklyAggregator(model.Layout);
        var daily = new Simulator(model).Run(3);

        model.Grid.Steps.ShouldBe(53); // 13 days / 0.25 + 1
        aggregator.Weeks.ShouldBe([new DateOnly(2024, 1, 6), new DateOnly(2024, 1, 13), new DateOnly(2024, 1, 20)]); // the 14th is a Sunday
        aggregator.Aggregate(daily).Series("S_to_I_total").Sum().ShouldBe(daily.Series("S_to_I_total").Sum());
    }
}
