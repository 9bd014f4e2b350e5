namespace Epy.Stages.Configs;

/// <summary>One entry of <c>interventions</c>; the fields a kind does not use are null.</summary>
/// <param name="Kind">School closure, contact matrix or parameter.</param>
/// <param name="ScalingFactor">The multiplier (≥ 0); required except for a parameter override given by <paramref name="Value"/>.</param>
/// <param name="Layer">The contact layer of a contact-matrix intervention (home, school, work, community); null for all layers.</param>
/// <param name="TargetParameter">The parameter of a parameter intervention.</param>
/// <param name="StartDate">The first day of a contact-matrix or parameter intervention.</param>
/// <param name="EndDate">The last day of a contact-matrix or parameter intervention.</param>
/// <param name="Value">The value a parameter intervention sets instead of scaling; null when it scales.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record InterventionConfig(
    InterventionKind Kind,
    Located<double>? ScalingFactor,
    Located<string>? Layer,
    Located<string>? TargetParameter,
    Located<DateOnly>? StartDate,
    Located<DateOnly>? EndDate,
    Located<double>? Value,
    SourceSpan Span);
