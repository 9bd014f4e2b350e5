namespace Epy.Stages.Configs;

/// <summary>The figures an output config asks for (<c>output.plots</c>).</summary>
/// <param name="FigureOutputTypes">The file formats each figure is written in.</param>
/// <param name="Dpi">Dots per inch of the PNG images (a figure inch is 100 points of layout).</param>
/// <param name="ReferenceDate">The forecast reference date: the vertical line, and where horizons count from.</param>
/// <param name="PosteriorGrid">Draws <c>posterior_grid</c>: locations by parameters, a histogram each.</param>
/// <param name="PosteriorBins">The histograms' bins.</param>
/// <param name="Quantiles">The quantile ribbon plots.</param>
/// <param name="Categorical">The rate-trend probability plot; null for none.</param>
/// <param name="Span">Where the section is written.</param>
public sealed record PlotsConfig(
    IReadOnlyList<FigureOutputType> FigureOutputTypes,
    int Dpi,
    DateOnly ReferenceDate,
    bool PosteriorGrid,
    int PosteriorBins,
    QuantilesPlotConfig Quantiles,
    CategoricalPlotConfig? Categorical,
    SourceSpan Span);
