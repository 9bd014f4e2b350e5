namespace Epy.Stages.Configs;

/// <summary>One entry of <c>calibration.comparison</c>: an observed column and the simulated flows summed to match it.</summary>
/// <param name="ObservedDateColumn">The date column of the observed CSV.</param>
/// <param name="ObservedValueColumn">The value column of the observed CSV.</param>
/// <param name="ObservedLocationColumn">The location column, when the CSV holds several locations; null otherwise.</param>
/// <param name="Simulation">The transitions summed, written <c>{source}_to_{target}_total</c> or <c>_{age group}</c>.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record ComparisonConfig(
    Located<string> ObservedDateColumn,
    Located<string> ObservedValueColumn,
    Located<string>? ObservedLocationColumn,
    IReadOnlyList<Located<string>> Simulation,
    SourceSpan Span);
