namespace Epy.Stages.ReferenceData;

/// <summary>One row of the location codebook.</summary>
/// <param name="Iso">The ISO 3166 code used by configs, e.g. <c>US-MA</c>.</param>
/// <param name="EpydemixName">The folder name in epydemix-data, e.g. <c>United_States_Massachusetts</c>.</param>
/// <param name="Name">The display name, e.g. <c>Massachusetts</c>.</param>
/// <param name="Abbreviation">The postal abbreviation, e.g. <c>MA</c>.</param>
/// <param name="Code">The FIPS code used by hubs, e.g. <c>25</c>.</param>
public sealed record LocationCodebookEntry(string Iso, string EpydemixName, string Name, string Abbreviation, string Code);
