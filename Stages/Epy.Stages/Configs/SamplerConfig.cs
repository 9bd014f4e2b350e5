namespace Epy.Stages.Configs;

/// <summary>One entry of <c>sampling.samplers</c>.</summary>
/// <param name="Strategy">LHS or grid.</param>
/// <param name="NSamples">How many points an LHS sampler draws (≥ 1); null for grid.</param>
/// <param name="Compartments">The compartment inits it samples.</param>
/// <param name="Parameters">The parameters it samples; <c>start_date</c> names the start date.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record SamplerConfig(
    SamplerStrategy Strategy,
    Located<int>? NSamples,
    IReadOnlyList<Located<string>> Compartments,
    IReadOnlyList<Located<string>> Parameters,
    SourceSpan Span);
