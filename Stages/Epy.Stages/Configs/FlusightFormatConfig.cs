namespace Epy.Stages.Configs;

/// <summary>The <c>flusight_format</c> output: the FluSight hub submission.</summary>
/// <param name="ReferenceDate">The submission's reference date (a Saturday, by hub convention).</param>
/// <param name="RateTrends">The rate-trend targets' observations; null to skip those targets.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record FlusightFormatConfig(Located<DateOnly> ReferenceDate, RateTrendsConfig? RateTrends, SourceSpan Span);
