namespace Epy.Stages.Configs;

/// <summary>The <c>calibration.projection</c>: trajectories simulated from the posterior after fitting.</summary>
/// <param name="NTrajectories">How many trajectories (≥ 1).</param>
/// <param name="EndDate">The last projected day; null to use the basemodel's end date.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record ProjectionConfig(Located<int> NTrajectories, Located<DateOnly>? EndDate, SourceSpan Span);
