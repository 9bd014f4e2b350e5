namespace Epy.Stages.Configs;

/// <summary>One named source of <c>output.options.surveillance</c>: an observed CSV.</summary>
/// <param name="Name">The source's name, as plots refer to it.</param>
/// <param name="DataPath">The CSV, relative to the forecast repository.</param>
/// <param name="ValueColumn">Its value column.</param>
/// <param name="DateColumn">Its date column.</param>
/// <param name="LocationColumn">Its location column (ISO 3166 codes).</param>
/// <param name="Span">Where the source starts.</param>
public sealed record SurveillanceSourceConfig(
    Located<string> Name,
    Located<string> DataPath,
    Located<string> ValueColumn,
    Located<string> DateColumn,
    Located<string> LocationColumn,
    SourceSpan Span);
