namespace Epy.Stages.Configs;

/// <summary>The <c>modelset.sampling</c> section.</summary>
/// <param name="Samplers">The samplers (at least one; none for <see cref="Populations"/>).</param>
/// <param name="Compartments">How each sampled compartment init is drawn.</param>
/// <param name="Parameters">How each sampled parameter is drawn.</param>
/// <param name="StartDate">How a sampled start date is drawn; null when not written.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record SamplingConfig(
    IReadOnlyList<SamplerConfig> Samplers,
    IReadOnlyList<SampledQuantityConfig> Compartments,
    IReadOnlyList<SampledQuantityConfig> Parameters,
    DatePriorConfig? StartDate,
    SourceSpan Span)
{
    /// <summary>
    /// The value <c>sampling: populations</c> (epymodelingsuite's default): nothing is sampled and the
    /// basemodel runs once in each location, a config with no samplers.
    /// </summary>
    public const string Populations = "populations";
}
