namespace Epy.Stages.ReferenceData;

/// <summary>One row of the location codebook.</summary>
/// <param name="Iso">The ISO 3166 code used by configs, e.g. <c>US-MA</c>.</param>
/// <param name="EpydemixName">The folder name in epydemix-data, e.g. <c>United_States_Massachusetts</c>.</param>
/// <param name="Name">The display name, e.g. <c>Massachusetts</c>.</param>
/// <param name="Abbreviation">The postal abbreviation, e.g. <c>MA</c>.</param>
/// <param name="Code">The FIPS code used by hubs, e.g. <c>25</c>.</param>
public sealed record LocationCodebookEntry(string Iso, string EpydemixName, string Name, string Abbreviation, string Code)
{
    /// <summary>This location as <paramref name="format"/> writes it.</summary>
    public string In(LocationFormat format) => format switch
    {
        LocationFormat.Iso => Iso,
        LocationFormat.Fips => Code,
        LocationFormat.Abbreviation => Abbreviation,
        LocationFormat.Name => Name,
        LocationFormat.EpydemixPopulation => EpydemixName,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a location format"),
    };

    /// <summary>
    /// Whether a data file's cell <paramref name="value"/>, written in <paramref name="format"/>, names this
    /// location: exact after trimming spaces; a FIPS code of one digit also matches its zero-padded form
    /// (a CSV read as numbers turns <c>01</c> into <c>1</c>).
    /// </summary>
    public bool IsNamedBy(string value, LocationFormat format)
    {
        ArgumentNullException.ThrowIfNull(value);
        var cell = value.Trim();
        var mine = In(format);
        return cell == mine || (format == LocationFormat.Fips && cell.Length == 1 && char.IsAsciiDigit(cell[0]) && mine == "0" + cell);
    }
}
