namespace Epy.Stages.Configs;

/// <summary>The <c>calibration.fitting_window</c>: the observations used, inclusive.</summary>
/// <param name="StartDate">The first observed day compared.</param>
/// <param name="EndDate">The last observed day compared (≥ <paramref name="StartDate"/>).</param>
/// <param name="Span">Where the section starts.</param>
public sealed record FittingWindowConfig(Located<DateOnly> StartDate, Located<DateOnly> EndDate, SourceSpan Span);
