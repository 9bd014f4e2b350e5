namespace Epy.Stages.Configs;

/// <summary>A date that is fixed, sampled or calibrated (<c>timespan.start_date</c>).</summary>
/// <param name="Kind">How the date is set.</param>
/// <param name="Date">The date when <paramref name="Kind"/> is <see cref="DateSettingKind.Fixed"/>.</param>
/// <param name="Span">Where the value is written.</param>
public sealed record DateSetting(DateSettingKind Kind, DateOnly? Date, SourceSpan Span);
