namespace Epy.Stages.Configs;

/// <summary>One entry of <c>interventions</c>; the fields a kind does not use are null.</summary>
/// <param name="Kind">School closure, contact matrix or parameter.</param>
/// <param name="ScalingFactor">The multiplier (≥ 0): required for a school closure and a contact-matrix intervention; a parameter intervention has it or <paramref name="OverrideValue"/>.</param>
/// <param name="ContactMatrixLayer">The contact layer of a contact-matrix intervention (<c>contact_matrix_layer</c>: home, school, work or community).</param>
/// <param name="TargetParameter">The parameter of a parameter intervention.</param>
/// <param name="StartDate">The first day of a contact-matrix or parameter intervention (a school closure has none: it follows the school calendar).</param>
/// <param name="EndDate">The last day (included) of a contact-matrix or parameter intervention.</param>
/// <param name="OverrideValue">The value a parameter intervention sets in its window instead of scaling (<c>override_value</c>); null when it scales.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record InterventionConfig(
    InterventionKind Kind,
    Located<double>? ScalingFactor,
    Located<string>? ContactMatrixLayer,
    Located<string>? TargetParameter,
    Located<DateOnly>? StartDate,
    Located<DateOnly>? EndDate,
    Located<double>? OverrideValue,
    SourceSpan Span);
