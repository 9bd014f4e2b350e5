using System.Text;

namespace Epy.Stages.Configs;

/// <summary>
/// The locations a modelset may name: epymodelingsuite's <c>location_codebook.csv</c>
/// (columns <c>location_name_epydemix</c>, <c>location_name</c>, <c>location_abbreviation</c>,
/// <c>location_code</c>, <c>ISO</c>), mapping ISO codes to epydemix-data folder names.
/// </summary>
public sealed class LocationCodebook
{
    /// <summary>The ISO code of the national row, which <c>all</c> leaves out.</summary>
    public const string NationalIso = "US";

    private readonly Dictionary<string, LocationCodebookEntry> _byIso;

    /// <summary>Creates a codebook from its rows (ISO codes unique).</summary>
    public LocationCodebook(IReadOnlyList<LocationCodebookEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        _byIso = entries.ToDictionary(entry => entry.Iso, StringComparer.Ordinal);
        All = entries.Where(entry => entry.Iso != NationalIso).ToArray();
    }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<LocationCodebookEntry> Entries { get; }

    /// <summary>What <c>population_names: all</c> means: every row except the national one, in file order.</summary>
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
        var lines = csv.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
        if (lines.Length == 0)
            throw new InvalidDataException($"{source}: empty location codebook");
        var header = SplitRow(lines[0], source, 1);
        int Column(string name) => Array.IndexOf(header, name) is var index and >= 0
            ? index
            : throw new InvalidDataException($"{source}: missing column '{name}'");
        int iso = Column("ISO"), epydemix = Column("location_name_epydemix"), name = Column("location_name"),
            abbreviation = Column("location_abbreviation"), code = Column("location_code");
        var entries = new List<LocationCodebookEntry>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var row = SplitRow(lines[i], source, i + 1);
            if (row.Length != header.Length)
                throw new InvalidDataException($"{source}:{i + 1}: expected {header.Length} columns, found {row.Length}");
            entries.Add(new LocationCodebookEntry(row[iso], row[epydemix], row[name], row[abbreviation], row[code]));
        }
        var duplicate = entries.GroupBy(entry => entry.Iso, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new InvalidDataException($"{source}: ISO code '{duplicate.Key}' appears more than once");
        return new LocationCodebook(entries);
    }

    private static string[] SplitRow(string line, string source, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
            throw new InvalidDataException($"{source}:{lineNumber}: unterminated quote");
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
