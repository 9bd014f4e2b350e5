using Epy.Stages.ReferenceData;

namespace Epy.Stages.Configs;

/// <summary>
/// One entry of <c>calibration.comparison</c>: an observed column and the simulated flows summed to match it.
/// A calibration has exactly one: epymodelingsuite fits <c>comparison[0]</c> alone and ignores the rest, so a
/// second entry is rejected (<see cref="OnlyOne"/>) rather than silently dropped.
/// </summary>
/// <param name="ObservedDateColumn">The date column of the observed CSV.</param>
/// <param name="ObservedValueColumn">The value column of the observed CSV.</param>
/// <param name="ObservedLocationColumn">The location column (<c>observed_location_column</c>); null: <c>geo_value</c> when the CSV has it, else every row is the location's.</param>
/// <param name="Simulation">The transitions summed, written <c>{source}_to_{target}_total</c> or <c>_{age group}</c>.</param>
/// <param name="Span">Where the entry starts.</param>
/// <param name="ObservedLocationFormat">How the location column names locations (<c>observed_location_format</c>); null: ISO codes.</param>
public sealed record ComparisonConfig(
    Located<string> ObservedDateColumn,
    Located<string> ObservedValueColumn,
    Located<string>? ObservedLocationColumn,
    IReadOnlyList<Located<string>> Simulation,
    SourceSpan Span,
    Located<LocationFormat>? ObservedLocationFormat = null)
{
    /// <summary>The error reported at a second entry.</summary>
    public const string OnlyOne =
        "only one comparison is supported (epymodelingsuite fits comparison[0] alone and ignores the rest): list every simulated series summed against one observed column under a single entry";
}
