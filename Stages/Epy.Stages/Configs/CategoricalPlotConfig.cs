namespace Epy.Stages.Configs;

/// <summary>The rate-trend probability plot (<c>plots.categorical</c>): one stacked-bar panel per horizon.</summary>
/// <param name="Categories">The categories, bottom to top.</param>
/// <param name="Colors">One colour per category.</param>
/// <param name="Horizons">The horizons drawn, one panel each.</param>
/// <param name="Span">Where the section is written.</param>
public sealed record CategoricalPlotConfig(
    IReadOnlyList<Located<string>> Categories,
    IReadOnlyList<string> Colors,
    IReadOnlyList<int> Horizons,
    SourceSpan Span);
