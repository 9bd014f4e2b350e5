namespace Epy.Stages.Configs;

/// <summary>The <c>seasonality</c> section: a seasonal multiplier on one parameter.</summary>
/// <param name="TargetParameter">The parameter multiplied (e.g. <c>beta</c>).</param>
/// <param name="Method">The seasonality curve; only <c>balcan</c> is known.</param>
/// <param name="MaxDate">The day the multiplier peaks.</param>
/// <param name="MinDate">The day the multiplier bottoms out; null when not written.</param>
/// <param name="MaxValue">The multiplier at its peak (≥ 0).</param>
/// <param name="MinValue">The multiplier at its lowest (≥ 0, ≤ <paramref name="MaxValue"/>).</param>
/// <param name="Span">Where the section starts.</param>
public sealed record SeasonalityConfig(
    Located<string> TargetParameter,
    Located<string> Method,
    Located<DateOnly> MaxDate,
    Located<DateOnly>? MinDate,
    Located<double> MaxValue,
    Located<double> MinValue,
    SourceSpan Span);
