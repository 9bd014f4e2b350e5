namespace Epy.Stages.Outputs;

/// <summary>
/// epymodelingsuite's location codebook (<c>location_codebook.csv</c>): ISO 3166-2 codes
/// (<c>US-MA</c>) against the hub's FIPS location codes (<c>25</c>).
/// </summary>
public sealed class LocationCodebook
{
    private readonly Dictionary<string, string> _codeByIso;
    private readonly Dictionary<string, string> _isoByCode;

    private LocationCodebook(Dictionary<string, string> codeByIso)
    {
        _codeByIso = codeByIso;
        _isoByCode = codeByIso.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>How many locations it maps.</summary>
    public int Count => _codeByIso.Count;

    /// <summary>Reads the CSV (columns <c>ISO</c> and <c>location_code</c>).</summary>
    /// <exception cref="FormatException">A column is missing or a code repeats.</exception>
    public static LocationCodebook Parse(TextReader reader)
    {
        var table = CsvTable.Parse(reader);
        var (iso, code) = (table.Column("ISO"), table.Column("location_code"));
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            if (!map.TryAdd(row[iso], row[code]) || !codes.Add(row[code]))
                throw new FormatException($"location '{row[iso]}' / '{row[code]}' repeats");
        }
        return new LocationCodebook(map);
    }

    /// <summary>The hub location code of ISO code <paramref name="iso"/>, or null.</summary>
    public string? CodeOf(string iso) => _codeByIso.GetValueOrDefault(iso);

    /// <summary>The ISO code of hub location code <paramref name="code"/>, or null.</summary>
    public string? IsoOf(string code) => _isoByCode.GetValueOrDefault(code);
}
