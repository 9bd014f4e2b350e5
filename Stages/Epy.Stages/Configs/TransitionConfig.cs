namespace Epy.Stages.Configs;

/// <summary>One entry of <c>transitions</c>.</summary>
/// <param name="Kind">Spontaneous, mediated or vaccination.</param>
/// <param name="Source">The compartment people leave.</param>
/// <param name="Target">The compartment people enter.</param>
/// <param name="Mediator">The infecting compartment of a mediated transition; null otherwise.</param>
/// <param name="Rate">The rate expression over parameters (e.g. <c>beta*r_beta_asymp</c>); null for vaccination.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record TransitionConfig(
    TransitionKind Kind,
    Located<string> Source,
    Located<string> Target,
    Located<string>? Mediator,
    Located<string>? Rate,
    SourceSpan Span)
{
    /// <summary>The name outputs and comparisons use for the flow summed over age groups: <c>{source}_to_{target}_total</c>.</summary>
    public string TotalName => $"{Source.Value}_to_{Target.Value}_total";
}
