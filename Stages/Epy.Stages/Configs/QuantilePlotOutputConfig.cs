namespace Epy.Stages.Configs;

/// <summary>One quantile plot variant (<c>plots.quantiles.outputs[]</c>).</summary>
/// <param name="Kind">Filtered, full or side by side.</param>
/// <param name="ShowProjection">Draw the projection ribbons.</param>
/// <param name="ShowSurveillance">Draw the surveillance points.</param>
/// <param name="ShowFittingWindowLine">Draw the calibration fitting window's bounds.</param>
/// <param name="SurveillanceSource">The <c>options.surveillance</c> source; null for the only one.</param>
/// <param name="SurveillancePoints">How many of the latest surveillance points on or before the reference date are shown; null for all.</param>
/// <param name="SurveillanceStartDate">Only surveillance on or after this date is shown; wins over the points.</param>
/// <param name="HorizonMax">Overrides the plots' horizon (weeks after the reference date).</param>
/// <param name="FullPanel">The side-by-side plot's left panel.</param>
/// <param name="FilteredPanel">The side-by-side plot's right panel.</param>
/// <param name="Span">Where the variant is written.</param>
public sealed record QuantilePlotOutputConfig(
    QuantilePlotKind Kind,
    bool ShowProjection,
    bool ShowSurveillance,
    bool ShowFittingWindowLine,
    Located<string>? SurveillanceSource,
    int? SurveillancePoints,
    DateOnly? SurveillanceStartDate,
    int? HorizonMax,
    SideBySidePanelConfig? FullPanel,
    SideBySidePanelConfig? FilteredPanel,
    SourceSpan Span);
