namespace Epy.Stages.Configs;

/// <summary>The <c>timespan</c> section: when the simulation starts and ends and its step.</summary>
/// <param name="StartDate">The first day: fixed, sampled or calibrated.</param>
/// <param name="EndDate">The last day simulated (inclusive).</param>
/// <param name="DeltaT">The step in days (&gt; 0); 1 when not written.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record TimespanConfig(DateSetting StartDate, Located<DateOnly> EndDate, Located<double> DeltaT, SourceSpan Span);
