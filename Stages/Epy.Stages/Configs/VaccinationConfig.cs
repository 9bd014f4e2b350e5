namespace Epy.Stages.Configs;

/// <summary>The <c>vaccination</c> section: a scenario of doses moving people between compartments.</summary>
/// <param name="ScenarioDataPath">The CSV of doses, relative to the forecast repository.</param>
/// <param name="Scenario">The scenario column or name in that file; null when not written.</param>
/// <param name="OriginCompartment">The compartment vaccinated people leave.</param>
/// <param name="EligibleCompartments">The compartments counted as eligible for a dose.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record VaccinationConfig(
    Located<string> ScenarioDataPath,
    Located<string>? Scenario,
    Located<string> OriginCompartment,
    IReadOnlyList<Located<string>> EligibleCompartments,
    SourceSpan Span);
