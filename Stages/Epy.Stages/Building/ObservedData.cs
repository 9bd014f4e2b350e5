using System.Globalization;
using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// Reads the observations a calibration fits from <c>observed_data_path</c>: one location's rows
/// (the comparison's <c>observed_location_column</c>, or <c>geo_value</c> when the file has it, naming
/// locations as <c>observed_location_format</c> says: ISO codes by default), the date and value columns,
/// inside the fitting window. Rows without a value (empty, or a pandas missing-value marker such as <c>NA</c>: <see cref="MissingValue"/>) are skipped. A file holding several versions of
/// the data (an <see cref="ObservedVersions.Column"/> column, as hubverse target data has) gives each date's
/// newest version.
/// </summary>
public static class ObservedData
{
    /// <summary>The location column used when the comparison names none.</summary>
    public const string DefaultLocationColumn = "geo_value";

    private const string Field = "modelset.calibration.observed_data_path";

    /// <summary>The observed series of <paramref name="location"/> for <paramref name="comparison"/>.</summary>
    /// <exception cref="ConfigValidationException">The file or a column is missing, a cell is malformed, a date repeats, or the series is not weekly.</exception>
    public static ObservedSeries Load(CalibrationConfig calibration, ComparisonConfig comparison, string forecastRepo, LocationCodebookEntry location)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(location);
        var span = calibration.ObservedDataPath.Span;
        var format = comparison.ObservedLocationFormat?.Value ?? LocationFormat.Iso;
        var (table, path, (date, value, place, version)) = RepositoryCsv.Read(calibration.ObservedDataPath, forecastRepo, Field, "observed data", csv => (
            Column(csv, comparison.ObservedDateColumn, "observed_date_column"),
            Column(csv, comparison.ObservedValueColumn, "observed_value_column"),
            comparison.ObservedLocationColumn is { } named ? Column(csv, named, "observed_location_column") : csv.IndexOf(DefaultLocationColumn),
            csv.IndexOf(ObservedVersions.Column)));

        // As epymodelingsuite: the fitting window is cut first, so gaps, repeats or revisions outside it do not matter.
        var window = calibration.FittingWindow;
        var points = new ObservedVersions();
        (DateOnly First, DateOnly Last)? seen = null;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (place >= 0 && !location.IsNamedBy(row[place], format))
                continue;
            var where = $"{path} record {r + 1}";
            if (MissingValue.Is(row[value]))
                continue;
            if (!DateOnly.TryParseExact(row[date].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw BuildErrors.One(span, Field, $"{where}: '{row[date]}' is not a date yyyy-MM-dd");
            seen = seen is var (first, last) ? (day < first ? day : first, day > last ? day : last) : (day, day);
            if (window is not null && (day < window.StartDate.Value || day > window.EndDate.Value))
                continue;
            if (!double.TryParse(row[value], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw BuildErrors.One(span, Field, $"{where}: '{row[value]}' is not a number");
            if (points.Add(location.Iso, day, number, version >= 0 ? row[version] : null) is { } problem)
                throw BuildErrors.One(span, Field, $"{where}: {day:yyyy-MM-dd} for {location.Iso}: {problem}");
        }
        if (seen is not var (from, to))
            throw BuildErrors.One(span, Field, $"{path} has no observations for {location.Iso}{Hint(table, place, format)}");
        if (points.Count == 0)
        {
            throw BuildErrors.One(window!.Span, "modelset.calibration.fitting_window",
                $"{location.Iso}: {window.StartDate.Value:yyyy-MM-dd}..{window.EndDate.Value:yyyy-MM-dd} holds no observation; the data run from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
        }
        var newest = points.Newest().Select(p => (p.Key.Date, p.Value)).OrderBy(p => p.Date).ToArray();
        try
        {
            return new ObservedSeries([.. newest.Select(p => p.Date)], [.. newest.Select(p => p.Value)], Field);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(span, e.Field, $"{location.Iso}: {e.Reason}");
        }
    }

    /// <summary>When no row matched: what the location column holds, so a wrong <c>observed_location_format</c> shows.</summary>
    private static string Hint(CsvTable table, int place, LocationFormat format)
    {
        if (place < 0 || table.Rows.Count == 0)
            return string.Empty;
        var examples = table.Rows.Select(row => row[place].Trim()).Distinct(StringComparer.Ordinal).Take(3);
        var name = ConfigReader.LocationFormats.First(f => f.Value == format).Key;
        return $" (its column '{table.Header[place]}' holds values such as {string.Join(", ", examples.Select(e => $"'{e}'"))}; observed_location_format is {name})";
    }

    private static int Column(CsvTable table, Located<string> name, string key)
    {
        var index = table.IndexOf(name.Value);
        return index >= 0
            ? index
            : throw BuildErrors.One(name.Span, $"modelset.calibration.comparison.{key}", $"the observed data has no column '{name.Value}' (columns: {string.Join(", ", table.Header)})");
    }
}
