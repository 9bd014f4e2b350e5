using Epy.Stages.ReferenceData;
using System.Globalization;

namespace Epy.Stages.Outputs;

/// <summary>FluSight's locations table, parsed; looked up by hub location code or abbreviation.</summary>
public sealed class FluSightLocations
{
    private const string CountRatePrefix = "count_rate";

    private readonly Dictionary<string, FluSightLocation> _byCode;
    private readonly Dictionary<string, FluSightLocation> _byAbbreviation;

    private FluSightLocations(IReadOnlyList<FluSightLocation> all)
    {
        All = all;
        _byCode = all.ToDictionary(l => l.Location, StringComparer.Ordinal);
        _byAbbreviation = all.ToDictionary(l => l.Abbreviation, StringComparer.Ordinal);
    }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<FluSightLocation> All { get; }

    /// <summary>
    /// Reads the CSV (columns <c>abbreviation, location, location_name, population</c>, and any
    /// <c>count_rate{r}</c> with <c>p</c> for the decimal point).
    /// </summary>
    /// <exception cref="FormatException">A column is missing, a number is malformed or a code repeats.</exception>
    public static FluSightLocations Parse(TextReader reader)
    {
        var table = CsvTable.Parse(reader);
        var (abbreviation, location, population) = (table.Column("abbreviation"), table.Column("location"), table.Column("population"));
        var name = table.IndexOf("location_name");
        var rates = new List<(int Column, double Rate)>();
        for (var c = 0; c < table.Header.Count; c++)
        {
            var header = table.Header[c];
            if (header.StartsWith(CountRatePrefix, StringComparison.Ordinal)
                && double.TryParse(header[CountRatePrefix.Length..].Replace('p', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
            {
                rates.Add((c, rate));
            }
        }

        var rows = new List<FluSightLocation>();
        foreach (var row in table.Rows)
        {
            var counts = new Dictionary<double, long>();
            foreach (var (column, rate) in rates)
                counts[rate] = long.Parse(row[column], NumberStyles.Integer, CultureInfo.InvariantCulture);
            if (!double.TryParse(row[population], NumberStyles.Float, CultureInfo.InvariantCulture, out var people) || !(people > 0))
                throw new FormatException($"location '{row[location]}': population '{row[population]}' is not a positive number");
            rows.Add(new FluSightLocation(row[abbreviation], row[location], name >= 0 ? row[name] : row[abbreviation], people, counts));
        }
        var duplicate = rows.GroupBy(r => r.Location, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? new FluSightLocations(rows) : throw new FormatException($"location '{duplicate.Key}' repeats");
    }

    /// <summary>The row with hub location code <paramref name="location"/> (<c>25</c>, <c>US</c>), or null.</summary>
    public FluSightLocation? ByCode(string location) => _byCode.GetValueOrDefault(location);

    /// <summary>The row with abbreviation <paramref name="abbreviation"/> (<c>MA</c>, <c>US</c>), or null.</summary>
    public FluSightLocation? ByAbbreviation(string abbreviation) => _byAbbreviation.GetValueOrDefault(abbreviation);
}
