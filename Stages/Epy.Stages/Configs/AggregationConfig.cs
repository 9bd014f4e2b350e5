namespace Epy.Stages.Configs;

/// <summary>An aggregation configuration: the file whose top-level key is <c>aggregation</c>.</summary>
/// <param name="Meta">The free-form <c>meta</c> section; null when not written.</param>
/// <param name="Sources">The experiments aggregated (at least one).</param>
/// <param name="Method">How their trajectories are combined.</param>
/// <param name="Sampling">How trajectories of the sources are grouped (<c>random</c>, the only one).</param>
/// <param name="Compartments">The compartments aggregated: all, none or a list of series names.</param>
/// <param name="Transitions">The transitions aggregated: all, none or a list of series names.</param>
/// <param name="OutputConfig">The file name, in the same config folder, of the output configuration applied to the aggregate.</param>
/// <param name="Span">Where the <c>aggregation</c> section starts.</param>
public sealed record AggregationConfig(
    ConfigMeta? Meta,
    IReadOnlyList<AggregationSourceConfig> Sources,
    Located<AggregationMethod> Method,
    Located<string> Sampling,
    OutputSelection Compartments,
    OutputSelection Transitions,
    Located<string> OutputConfig,
    SourceSpan Span);
