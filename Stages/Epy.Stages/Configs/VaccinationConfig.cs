namespace Epy.Stages.Configs;

/// <summary>The <c>vaccination</c> section: a scenario of doses moving people between compartments.</summary>
/// <param name="ScenarioDataPath">
/// The data file, relative to the forecast repository: <c>scenario_data_path</c> (SMH weekly coverage)
/// or, when <paramref name="Preprocessed"/>, <c>preprocessed_vaccination_data_path</c> (doses per day).
/// </param>
/// <param name="Scenario">The scenario to select in that file's scenario column; null when not written.</param>
/// <param name="OriginCompartment">The compartment vaccinated people leave (one of <paramref name="EligibleCompartments"/>).</param>
/// <param name="EligibleCompartments">The compartments counted as eligible for a dose.</param>
/// <param name="Span">Where the section starts.</param>
/// <param name="Preprocessed">Whether <paramref name="ScenarioDataPath"/> is a preprocessed schedule (columns <c>dates</c>, <c>location</c>, one per age group, optionally <c>scenario</c>).</param>
public sealed record VaccinationConfig(
    Located<string> ScenarioDataPath,
    Located<string>? Scenario,
    Located<string> OriginCompartment,
    IReadOnlyList<Located<string>> EligibleCompartments,
    SourceSpan Span,
    bool Preprocessed = false);
