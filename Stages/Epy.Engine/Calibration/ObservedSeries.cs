using System.Globalization;

namespace Epy.Engine.Calibration;

/// <summary>
/// Weekly observations to fit (e.g. hospital admissions), labelled by the last day of their week
/// (<c>target_end_date</c>, a Saturday for W-SAT weeks), in increasing order, one week apart.
/// </summary>
public sealed class ObservedSeries
{
    /// <summary>Checks and wraps the observations; <paramref name="field"/> names them in errors.</summary>
    public ObservedSeries(IReadOnlyList<DateOnly> dates, IReadOnlyList<double> values, string field = "calibration.observed_data_path")
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(values);
        if (dates.Count == 0)
            throw new ModelValidationException(field, "has no observations inside the fitting window");
        if (dates.Count != values.Count)
            throw new ModelValidationException(field, $"has {dates.Count} dates but {values.Count} values");
        for (var i = 0; i < dates.Count; i++)
        {
            if (!double.IsFinite(values[i]) || values[i] < 0)
                throw new ModelValidationException(field, $"value on {Text(dates[i])} must be a finite number ≥ 0, got {values[i]}");
            if (i > 0 && dates[i].DayNumber - dates[i - 1].DayNumber != 7)
                throw new ModelValidationException(field, $"observations must be weekly and in order: {Text(dates[i - 1])} is followed by {Text(dates[i])}");
        }
        Dates = [.. dates];
        Values = [.. values];
    }

    /// <summary>The week labels, one week apart.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>The observed values.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The first week label.</summary>
    public DateOnly First => Dates[0];

    /// <summary>The last week label.</summary>
    public DateOnly Last => Dates[^1];

    /// <summary>The observations whose week falls within [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public ObservedSeries Within(DateOnly from, DateOnly to, string field = "calibration.fitting_window")
    {
        var indices = Enumerable.Range(0, Dates.Count).Where(i => Dates[i] >= from && Dates[i] <= to).ToArray();
        if (indices.Length == 0)
            throw new ModelValidationException(field, $"{Text(from)}..{Text(to)} holds no observation; the data run from {Text(First)} to {Text(Last)}");
        return new ObservedSeries([.. indices.Select(i => Dates[i])], [.. indices.Select(i => Values[i])], field);
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
