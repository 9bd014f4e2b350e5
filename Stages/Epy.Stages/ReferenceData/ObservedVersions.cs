using System.Globalization;

namespace Epy.Stages.ReferenceData;

/// <summary>
/// Observed values by location and date, keeping each one's newest version. Surveillance files that
/// are revised keep every version in one file with an <c>as_of</c> column (hubverse's versioned target
/// data); the newest <c>as_of</c> of a (location, date) wins. Without that column a (location, date)
/// must appear once. Pure: no I/O.
/// </summary>
public sealed class ObservedVersions
{
    /// <summary>The column naming a row's data version, a date <c>yyyy-MM-dd</c>.</summary>
    public const string Column = "as_of";

    private readonly Dictionary<(string Location, DateOnly Date), (double Value, DateOnly? Version)> _values = [];

    /// <summary>How many (location, date) pairs it holds.</summary>
    public int Count => _values.Count;

    /// <summary>
    /// Adds one row: <paramref name="asOf"/> is its <c>as_of</c> cell, or null when the file has no such
    /// column. Returns why the row cannot be used (a repeat without versions, a repeated version, a
    /// malformed version), or null.
    /// </summary>
    public string? Add(string location, DateOnly date, double value, string? asOf)
    {
        ArgumentNullException.ThrowIfNull(location);
        DateOnly? version = null;
        if (asOf is not null)
        {
            if (!DateOnly.TryParseExact(asOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return $"{Column} '{asOf}' is not a date yyyy-MM-dd";
            version = day;
        }
        if (!_values.TryGetValue((location, date), out var seen))
        {
            _values[(location, date)] = (value, version);
            return null;
        }
        if (version is null)
            return $"appears more than once, and the file has no {Column} column to tell its versions apart";
        if (version == seen.Version)
            return $"appears more than once with {Column} {version:yyyy-MM-dd}";
        if (version > seen.Version)
            _values[(location, date)] = (value, version);
        return null;
    }

    /// <summary>Each (location, date) with the value of its newest version.</summary>
    public IEnumerable<((string Location, DateOnly Date) Key, double Value)> Newest() =>
        _values.Select(pair => (pair.Key, pair.Value.Value));
}
