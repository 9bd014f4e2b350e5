namespace Epy.Stages.Configs;

/// <summary>The <c>population</c> section of a basemodel.</summary>
/// <param name="Name">The location (ISO code such as <c>US-MA</c>) when the basemodel names one; a modelset usually does instead.</param>
/// <param name="AgeGroups">The age groups, e.g. <c>0-4</c>, <c>5-17</c>, <c>65+</c> (at least one).</param>
/// <param name="Span">Where the section starts.</param>
/// <param name="ContactMatrix">The ISO code of the location whose contact matrices the model uses instead of its own (<c>contact_matrix</c>); null when not written.</param>
public sealed record PopulationConfig(Located<string>? Name, IReadOnlyList<Located<string>> AgeGroups, SourceSpan Span, Located<string>? ContactMatrix = null);
