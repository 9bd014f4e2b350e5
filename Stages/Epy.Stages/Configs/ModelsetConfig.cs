namespace Epy.Stages.Configs;

/// <summary>A modelset configuration: the file whose top-level key is <c>modelset</c>, with exactly one of sampling or calibration.</summary>
/// <param name="Meta">The free-form <c>meta</c> section; null when not written.</param>
/// <param name="PopulationNames">The locations as written: ISO codes such as <c>US-MA</c>, or <c>all</c>.</param>
/// <param name="Sampling">The sampling section; null for a calibration modelset.</param>
/// <param name="Calibration">The calibration section; null for a sampling modelset.</param>
/// <param name="Span">Where the <c>modelset</c> section starts.</param>
public sealed record ModelsetConfig(
    ConfigMeta? Meta,
    IReadOnlyList<Located<string>> PopulationNames,
    SamplingConfig? Sampling,
    CalibrationConfig? Calibration,
    SourceSpan Span)
{
    /// <summary>The word that stands for every location of the codebook.</summary>
    public const string AllLocations = "all";
}
