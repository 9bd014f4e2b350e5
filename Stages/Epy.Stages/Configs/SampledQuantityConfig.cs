namespace Epy.Stages.Configs;

/// <summary>
/// How one sampled parameter or compartment init is drawn: exactly one of a distribution, a list
/// of values (for grids) or a <c>min</c>/<c>max</c> range.
/// </summary>
/// <param name="Name">The parameter or compartment (its key).</param>
/// <param name="Distribution">A scipy distribution; null when not used.</param>
/// <param name="Values">Explicit values for a grid; empty when not used.</param>
/// <param name="Min">The lower end of a uniform range; null when not used.</param>
/// <param name="Max">The upper end of a uniform range (&gt; <paramref name="Min"/>); null when not used.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record SampledQuantityConfig(
    Located<string> Name,
    DistributionConfig? Distribution,
    IReadOnlyList<Located<double>> Values,
    Located<double>? Min,
    Located<double>? Max,
    SourceSpan Span);
