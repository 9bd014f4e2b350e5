using Epy.Engine.Simulation;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// epydemix's <c>Trajectory.resample(freq, "last", "sum")</c>: pandas bins labelled by their last day
/// and closed on it; compartments take the bin's last value, transitions its sum; the first and last
/// bins may be partial.
/// </summary>
public sealed class ResamplingTests
{
    private static readonly DateOnly Start = new(2025, 1, 1); // a Wednesday

    /// <summary>Ten days: compartment S = 100 − t, flow S_to_I = t + 1 (one age group).</summary>
    private static SimulationOutput TenDays()
    {
        var dates = Enumerable.Range(0, 10).Select(Start.AddDays).ToArray();
        var daily = new SimulationOutput(new OutputLayout(["S", "I"], ["S_to_I"], ["all"], dates));
        for (var t = 0; t < dates.Length; t++)
        {
            daily.CompartmentCounts[t * 2] = 100 - t;
            daily.CompartmentCounts[t * 2 + 1] = t;
            daily.FlowCounts[t] = t + 1;
        }
        return daily;
    }

    [Fact]
    public void WeeklyOnMonday_CompartmentsTakeTheLastDay_TransitionsTheSum()
    {
        var daily = TenDays();

        var weekly = new WeeklyAggregator(daily.Layout, ResampleFrequency.Weekly(DayOfWeek.Monday)).Aggregate(daily);

        // Jan 1 (Wed) .. Jan 6 (Mon) | Jan 7 .. Jan 10 (partial, labelled Mon Jan 13).
        weekly.Weeks.ShouldBe([new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 13)]);
        weekly.Compartment(0, 0, 0).ShouldBe(95);
        weekly.Compartment(1, 0, 0).ShouldBe(91);
        weekly.Flow(0, 0, 0).ShouldBe(1 + 2 + 3 + 4 + 5 + 6);
        weekly.Flow(1, 0, 0).ShouldBe(7 + 8 + 9 + 10);
    }

    [Fact]
    public void Daily_KeepsEveryDay()
    {
        var daily = TenDays();

        var binned = new WeeklyAggregator(daily.Layout, ResampleFrequency.Daily).Aggregate(daily);

        binned.Weeks.ShouldBe(daily.Layout.Dates);
        binned.Compartment(9, 0, 0).ShouldBe(91);
        binned.Flow(3, 0, 0).ShouldBe(4);
    }

    [Theory]
    [InlineData("W", "2025-01-05", 7)]
    [InlineData("W-SAT", "2025-01-04", 7)]
    [InlineData("D", "2025-01-01", 1)]
    public void Grid_StartsWithTheBinOfTheFirstDay(string rule, string first, int step)
    {
        ResampleFrequency.TryParse(rule, out var frequency).ShouldBeTrue();

        var grid = frequency.Grid(Start, new DateOnly(2025, 1, 20));

        grid[0].ShouldBe(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
        grid[1].DayNumber.ShouldBe(grid[0].DayNumber + step);
        grid[^1].ShouldBeGreaterThanOrEqualTo(new DateOnly(2025, 1, 20));
    }
}
