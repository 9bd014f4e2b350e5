using System.Globalization;
using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// Reads the observations a calibration fits from <c>observed_data_path</c>: one location's rows
/// (by the comparison's <c>observed_location_column</c>, or <c>geo_value</c> when the file has it),
/// the date and value columns, inside the fitting window. Rows with an empty value are skipped.
/// </summary>
public static class ObservedData
{
    /// <summary>The location column used when the comparison names none.</summary>
    public const string DefaultLocationColumn = "geo_value";

    private const string Field = "modelset.calibration.observed_data_path";

    /// <summary>The observed series of <paramref name="iso"/> for <paramref name="comparison"/>.</summary>
    /// <exception cref="ConfigValidationException">The file or a column is missing, a cell is malformed, or the series is not weekly.</exception>
    public static ObservedSeries Load(CalibrationConfig calibration, ComparisonConfig comparison, string forecastRepo, string iso)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(comparison);
        var span = calibration.ObservedDataPath.Span;
        var (table, path, (date, value, location)) = RepositoryCsv.Read(calibration.ObservedDataPath, forecastRepo, Field, "observed data", csv => (
            Column(csv, comparison.ObservedDateColumn, "observed_date_column"),
            Column(csv, comparison.ObservedValueColumn, "observed_value_column"),
            comparison.ObservedLocationColumn is { } named ? Column(csv, named, "observed_location_column") : csv.IndexOf(DefaultLocationColumn)));

        var points = new SortedDictionary<DateOnly, double>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (location >= 0 && row[location].Trim() != iso)
                continue;
            var where = $"{path} record {r + 1}";
            if (string.IsNullOrWhiteSpace(row[value]))
                continue;
            if (!DateOnly.TryParseExact(row[date].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw BuildErrors.One(span, Field, $"{where}: '{row[date]}' is not a date yyyy-MM-dd");
            if (!double.TryParse(row[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw BuildErrors.One(span, Field, $"{where}: '{row[value]}' is not a number");
            if (!points.TryAdd(day, number))
                throw BuildErrors.One(span, Field, $"{where}: {day:yyyy-MM-dd} appears twice for {iso}");
        }
        if (points.Count == 0)
            throw BuildErrors.One(span, Field, $"{path} has no observations for {iso}");
        try
        {
            var series = new ObservedSeries([.. points.Keys], [.. points.Values], Field);
            return calibration.FittingWindow is { } window
                ? series.Within(window.StartDate.Value, window.EndDate.Value, "modelset.calibration.fitting_window")
                : series;
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(e.Field.EndsWith("fitting_window", StringComparison.Ordinal) ? calibration.FittingWindow!.Span : span, e.Field, $"{iso}: {e.Reason}");
        }
    }

    private static int Column(CsvTable table, Located<string> name, string key)
    {
        var index = table.IndexOf(name.Value);
        return index >= 0
            ? index
            : throw BuildErrors.One(name.Span, $"modelset.calibration.comparison.{key}", $"the observed data has no column '{name.Value}' (columns: {string.Join(", ", table.Header)})");
    }
}
