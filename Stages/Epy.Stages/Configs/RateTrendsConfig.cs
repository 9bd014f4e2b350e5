namespace Epy.Stages.Configs;

/// <summary>The <c>flusight_format.rate_trends</c>: the observations rate-trend targets are measured against.</summary>
/// <param name="ObservedDataPath">The observed CSV, relative to the forecast repository.</param>
/// <param name="ObservedValueColumn">Its value column.</param>
/// <param name="ObservedDateColumn">Its date column.</param>
/// <param name="ObservedLocationColumn">Its location column.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record RateTrendsConfig(
    Located<string> ObservedDataPath,
    Located<string> ObservedValueColumn,
    Located<string> ObservedDateColumn,
    Located<string> ObservedLocationColumn,
    SourceSpan Span);
