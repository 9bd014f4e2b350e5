using Epy.Engine.Simulation;

namespace Epy.Engine.Calibration;

/// <summary>
/// The simulated counterpart of the observations: the weekly sum of the chosen flows (or the
/// end-of-week value of chosen compartments) on the observations' weeks, zero for weeks the
/// simulation has not reached (a run that starts after the first observation is padded in front).
/// </summary>
internal sealed class ComparisonSeries
{
    private readonly SeriesKey[] _keys;

    public ComparisonSeries(OutputLayout layout, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            throw new ModelValidationException("calibration.comparison.simulation", "names no series to compare with the observations");
        _keys = new SeriesKey[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            if (!layout.Contains(names[i]))
            {
                throw new ModelValidationException($"calibration.comparison.simulation[{i}]",
                    $"'{names[i]}' is not an output of the model; flows are named like {string.Join(", ", layout.Flows.Take(3).Select(f => f + "_total"))}");
            }
            _keys[i] = layout.Find(names[i]);
        }
    }

    /// <summary>
    /// Writes the comparison on the weeks ending <paramref name="firstWeek"/>, +7 days, ... into
    /// <paramref name="destination"/> (one value per week).
    /// </summary>
    public void Weekly(Trajectory daily, DateOnly firstWeek, Span<double> destination)
    {
        destination.Clear();
        for (var t = 0; t < daily.Dates.Count; t++)
            AddStep(daily, t, firstWeek, destination);
    }

    /// <summary>
    /// Adds step <paramref name="t"/>'s share to its week in <paramref name="destination"/> (cleared
    /// beforehand), and returns that week's index when the step completes an observed week, else −1.
    /// Steps taken in order build the same series as <see cref="Weekly"/>.
    /// </summary>
    public int AddStep(Trajectory daily, int t, DateOnly firstWeek, Span<double> destination)
    {
        var dates = daily.Dates;
        var week = WeeklyAggregator.WeekEnding(dates[t], firstWeek.DayOfWeek);
        var w = (week.DayNumber - firstWeek.DayNumber) / 7;
        if (week < firstWeek || w >= destination.Length)
            return -1;
        var ages = daily.Layout.AgeGroupCount;
        var lastStepOfWeek = t + 1 == dates.Count || WeeklyAggregator.WeekEnding(dates[t + 1], firstWeek.DayOfWeek) != week;
        foreach (var key in _keys)
        {
            if (!key.IsFlow && !lastStepOfWeek)
                continue;
            var value = 0.0;
            if (key.AgeGroup == SeriesKey.Total)
            {
                for (var k = 0; k < ages; k++)
                    value += key.IsFlow ? daily.Flow(t, key.Index, k) : daily.Compartment(t, key.Index, k);
            }
            else
            {
                value = key.IsFlow ? daily.Flow(t, key.Index, key.AgeGroup) : daily.Compartment(t, key.Index, key.AgeGroup);
            }
            destination[w] += value;
        }
        return lastStepOfWeek ? w : -1;
    }
}
