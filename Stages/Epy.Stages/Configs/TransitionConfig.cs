namespace Epy.Stages.Configs;

/// <summary>One entry of <c>transitions</c>.</summary>
/// <param name="Kind">Spontaneous, mediated, multi_mediated or vaccination.</param>
/// <param name="Source">The compartment people leave.</param>
/// <param name="Target">The compartment people enter.</param>
/// <param name="Mediator">The infecting compartment of a mediated transition; null otherwise.</param>
/// <param name="Rate">The rate expression over parameters (e.g. <c>beta*r_beta_asymp</c>); null for vaccination and multi_mediated.</param>
/// <param name="Span">Where the entry starts.</param>
/// <param name="Mediators">The rates and infectious compartments of a multi_mediated transition; empty otherwise.</param>
public sealed record TransitionConfig(
    TransitionKind Kind,
    Located<string> Source,
    Located<string> Target,
    Located<string>? Mediator,
    Located<string>? Rate,
    SourceSpan Span,
    IReadOnlyList<MediatorConfig>? Mediators = null)
{
    /// <summary>The name outputs and comparisons use for the flow summed over age groups: <c>{source}_to_{target}_total</c>.</summary>
    public string TotalName => $"{Source.Value}_to_{Target.Value}_total";
}
