namespace Epy.Stages.Configs;

/// <summary>The quantile ribbon plots (<c>plots.quantiles</c>): one grid figure per variant.</summary>
/// <param name="Grid">Whether the grid figures are drawn.</param>
/// <param name="PanelsPerRow">Panels per grid row (even with a side-by-side variant).</param>
/// <param name="Outputs">The variants, each kind at most once.</param>
/// <param name="Levels">The ribbon quantile levels, in [0, 1].</param>
/// <param name="HorizonMax">The last week drawn, in weeks after the reference date; null for no limit.</param>
/// <param name="ProjectionColor">The ribbons' colour (a matplotlib colour: <c>C0</c>…<c>C9</c>, <c>#rrggbb</c> or a basic name).</param>
/// <param name="ValueColumn">The series drawn: a transition or compartment series, or the calibration comparison's observed column.</param>
/// <param name="YLabel">The y-axis label; null for none.</param>
/// <param name="SupTitle">The grid's title; null for none.</param>
public sealed record QuantilesPlotConfig(
    bool Grid,
    int PanelsPerRow,
    IReadOnlyList<QuantilePlotOutputConfig> Outputs,
    IReadOnlyList<double> Levels,
    int? HorizonMax,
    string ProjectionColor,
    Located<string> ValueColumn,
    string? YLabel,
    string? SupTitle);
