using Epy.Stages.ReferenceData;
using System.Globalization;

namespace Epy.Stages.Outputs;

/// <summary>
/// Observed weekly counts by location and week-ending date (e.g. <c>flu_hosp_24.csv</c>:
/// <c>geo_value, target_end_date, hospitalizations</c>), the baseline of rate-change forecasts.
/// </summary>
public sealed class ObservedCounts
{
    private readonly Dictionary<(string Location, DateOnly Date), double> _values;

    private ObservedCounts(Dictionary<(string, DateOnly), double> values) => _values = values;

    /// <summary>How many (location, week) values it holds.</summary>
    public int Count => _values.Count;

    /// <summary>The latest date observed in any location; null when it holds nothing.</summary>
    public DateOnly? LastDate => _values.Count == 0 ? null : _values.Keys.Max(k => k.Date);

    /// <summary>The observations of <paramref name="location"/>, in date order.</summary>
    public IReadOnlyList<(DateOnly Date, double Value)> Series(string location) =>
        [.. _values.Where(p => p.Key.Location == location).Select(p => (p.Key.Date, p.Value)).OrderBy(p => p.Date)];

    /// <summary>Builds from values already in memory.</summary>
    /// <exception cref="ArgumentException">A (location, date) pair repeats.</exception>
    public static ObservedCounts From(IEnumerable<(string Location, DateOnly Date, double Value)> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var map = new Dictionary<(string, DateOnly), double>();
        foreach (var (location, date, value) in values)
        {
            if (!map.TryAdd((location, date), value))
                throw new ArgumentException($"observed value for {location} on {CsvText.Date(date)} repeats", nameof(values));
        }
        return new ObservedCounts(map);
    }

    /// <summary>
    /// Reads a CSV with the named columns; dates are <c>yyyy-MM-dd</c>; rows without a value (<see cref="MissingValue"/>)
    /// are skipped; a file with an <c>as_of</c> column gives each (location, date) its newest version. With a
    /// <paramref name="codebook"/>, locations written in <paramref name="format"/> are keyed by their ISO
    /// code and rows naming a location the codebook does not list are skipped; without one, by the cell.
    /// </summary>
    /// <exception cref="FormatException">A column is missing, a date, number or version is malformed, or a pair repeats.</exception>
    public static ObservedCounts Parse(TextReader reader, string locationColumn = "geo_value", string dateColumn = "target_end_date", string valueColumn = "hospitalizations",
        LocationCodebook? codebook = null, LocationFormat format = LocationFormat.Iso)
    {
        var table = CsvTable.Parse(reader);
        var (location, date, value) = (table.Column(locationColumn), table.Column(dateColumn), table.Column(valueColumn));
        var version = table.IndexOf(ObservedVersions.Column);
        var values = new ObservedVersions();
        foreach (var row in table.Rows)
        {
            if (MissingValue.Is(row[value]))
                continue;
            var place = codebook is null ? row[location] : codebook.Entries.FirstOrDefault(e => e.IsNamedBy(row[location], format))?.Iso;
            if (place is null)
                continue;
            if (!DateOnly.TryParseExact(row[date], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                throw new FormatException($"'{row[date]}' is not a yyyy-MM-dd date");
            if (!CsvText.TryParseNumber(row[value], out var number))
                throw new FormatException($"'{row[value]}' is not a number");
            if (values.Add(place, day, number, version >= 0 ? row[version] : null) is { } problem)
                throw new FormatException($"observed value for {place} on {CsvText.Date(day)}: {problem}");
        }
        return From(values.Newest().Select(v => (v.Key.Location, v.Key.Date, v.Value)));
    }

    /// <summary>The value observed for <paramref name="location"/> in the week ending <paramref name="date"/>.</summary>
    public bool TryGet(string location, DateOnly date, out double value) => _values.TryGetValue((location, date), out value);
}
