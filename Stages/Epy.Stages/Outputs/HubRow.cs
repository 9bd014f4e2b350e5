namespace Epy.Stages.Outputs;

/// <summary>One row of a FluSight hub submission.</summary>
/// <param name="Location">The hub location code (two-digit FIPS, or <c>US</c>).</param>
/// <param name="ReferenceDate">The Saturday the round is for.</param>
/// <param name="Horizon">Weeks from the reference date to the target week; null (an empty cell) for the season targets (<c>peak inc flu hosp</c>, <c>peak week inc flu hosp</c>).</param>
/// <param name="TargetEndDate">The target week's Saturday: reference date + 7 · horizon; null for the season targets.</param>
/// <param name="Target"><c>wk inc flu hosp</c>, <c>wk flu hosp rate change</c>, <c>peak inc flu hosp</c> or <c>peak week inc flu hosp</c>.</param>
/// <param name="OutputType"><c>quantile</c> or <c>pmf</c>.</param>
/// <param name="OutputTypeId">The quantile level (<c>0.025</c>) or the category (<c>large_increase</c>, or a Saturday for the peak week).</param>
/// <param name="Value">Admissions for a quantile, a probability for a pmf row.</param>
public sealed record HubRow(
    string Location,
    DateOnly ReferenceDate,
    int? Horizon,
    DateOnly? TargetEndDate,
    string Target,
    string OutputType,
    string OutputTypeId,
    double Value);
