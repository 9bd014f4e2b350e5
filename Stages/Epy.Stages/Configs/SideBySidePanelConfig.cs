namespace Epy.Stages.Configs;

/// <summary>One panel of a side-by-side quantile plot (<c>full_panel</c>, <c>filtered_panel</c>); null fields inherit from the output.</summary>
/// <param name="SurveillancePoints">How many of the latest surveillance points on or before the reference date are shown.</param>
/// <param name="SurveillanceStartDate">Only surveillance on or after this date is shown; wins over the points.</param>
public sealed record SideBySidePanelConfig(int? SurveillancePoints, DateOnly? SurveillanceStartDate);
