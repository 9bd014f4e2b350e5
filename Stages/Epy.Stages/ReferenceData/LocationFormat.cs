namespace Epy.Stages.ReferenceData;

/// <summary>
/// How a data file names locations: one column of the location codebook. epymodelingsuite's
/// <c>observed_location_format</c> values, except <c>metrocast_location_id</c> (metrocast locations are
/// not supported yet).
/// </summary>
public enum LocationFormat
{
    /// <summary><c>ISO</c>: ISO 3166 codes, e.g. <c>US-MA</c>, <c>US</c> (the codebook's <c>ISO</c>).</summary>
    Iso,

    /// <summary><c>FIPS</c>: FIPS codes as hubs write them, e.g. <c>25</c>, <c>01</c>, <c>US</c> (<c>location_code</c>); <c>1</c> matches <c>01</c>.</summary>
    Fips,

    /// <summary><c>abbreviation</c>: postal abbreviations, e.g. <c>MA</c> (<c>location_abbreviation</c>).</summary>
    Abbreviation,

    /// <summary><c>name</c>: English names, e.g. <c>Massachusetts</c> (<c>location_name</c>).</summary>
    Name,

    /// <summary><c>epydemix_population</c>: epydemix population names, e.g. <c>United_States_Massachusetts</c> (<c>location_name_epydemix</c>).</summary>
    EpydemixPopulation,
}
