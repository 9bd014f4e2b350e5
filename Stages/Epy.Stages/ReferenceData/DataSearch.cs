namespace Epy.Stages.ReferenceData;

/// <summary>
/// Where one reference file is looked for, in order: the first place holding the file wins. A
/// setting naming the file explicitly is the only place looked (a mistyped path is reported, not
/// replaced by another copy).
/// </summary>
public sealed class DataSearch
{
    /// <summary>Creates a search for <paramref name="what"/> over <paramref name="places"/>, in order.</summary>
    public DataSearch(string what, IReadOnlyList<DataPlace> places)
    {
        ArgumentNullException.ThrowIfNull(what);
        ArgumentNullException.ThrowIfNull(places);
        What = what;
        Places = places;
    }

    /// <summary>What is looked for, e.g. <c>the location codebook</c>.</summary>
    public string What { get; }

    /// <summary>Every place, in the order looked.</summary>
    public IReadOnlyList<DataPlace> Places { get; }

    /// <summary>The first place whose file exists, or null.</summary>
    public DataPlace? Find() => Places.FirstOrDefault(place => File.Exists(place.Path));

    /// <summary>Why nothing was found, naming every place looked.</summary>
    public string NotFound() => $"{What} was not found: looked at {string.Join(", then ", Places)}";
}
