using System.Text;

namespace Epy.Stages.ReferenceData;

/// <summary>
/// The locations a modelset may name: epymodelingsuite's <c>location_codebook.csv</c>
/// (columns <c>location_name_epydemix</c>, <c>location_name</c>, <c>location_abbreviation</c>,
/// <c>location_code</c>, <c>ISO</c>), mapping ISO codes to epydemix-data folder names.
/// </summary>
public sealed class LocationCodebook
{
    /// <summary>The ISO code of the national row.</summary>
    public const string NationalIso = "US";

    private readonly Dictionary<string, LocationCodebookEntry> _byIso;

    /// <summary>Creates a codebook from its rows (ISO codes unique).</summary>
    public LocationCodebook(IReadOnlyList<LocationCodebookEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _byIso = entries.ToDictionary(entry => entry.Iso, StringComparer.Ordinal);
        All = [.. entries];
    }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<LocationCodebookEntry> Entries { get; }

    /// <summary>
    /// What <c>population_names: all</c> means: every row, the national one (<c>US</c>) included, in file
    /// order, as epymodelingsuite expands it (<c>create_model_collection</c>: the codebook's
    /// <c>location_name_epydemix</c> column).
    /// </summary>
    public IReadOnlyList<LocationCodebookEntry> All { get; }

    /// <summary>The row for <paramref name="iso"/> (exact, case-sensitive), or null.</summary>
    public LocationCodebookEntry? Find(string iso) => _byIso.GetValueOrDefault(iso);

    /// <summary>Reads the codebook CSV at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A required column is missing or a row is malformed.</exception>
    public static LocationCodebook Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path, Encoding.UTF8), path);
    }

    /// <summary>Reads codebook CSV text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">A required column is missing or a row is malformed.</exception>
    public static LocationCodebook Parse(string csv, string source)
    {
        ArgumentNullException.ThrowIfNull(csv);
        CsvTable table;
        try
        {
            table = CsvTable.Parse(new StringReader(csv));
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        int Column(string name) => table.IndexOf(name) is var index and >= 0
            ? index
            : throw new InvalidDataException($"{source}: missing column '{name}'");
        int iso = Column("ISO"), epydemix = Column("location_name_epydemix"), name = Column("location_name"),
            abbreviation = Column("location_abbreviation"), code = Column("location_code");
        var entries = table.Rows.Select(row => new LocationCodebookEntry(row[iso], row[epydemix], row[name], row[abbreviation], row[code])).ToList();
        var duplicate = entries.GroupBy(entry => entry.Iso, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)
            ?? entries.GroupBy(entry => entry.Code, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"{source}: location '{duplicate.Key}' appears more than once");
        return new LocationCodebook(entries);
    }

    /// <summary>The hub (FIPS) location code of ISO code <paramref name="iso"/>, or null.</summary>
    public string? CodeOf(string iso) => Find(iso)?.Code;

    /// <summary>The ISO code of hub location code <paramref name="code"/>, or null.</summary>
    public string? IsoOf(string code) => Entries.FirstOrDefault(entry => entry.Code == code)?.Iso;

    /// <summary>How many locations it lists (the national row included).</summary>
    public int Count => Entries.Count;
}
