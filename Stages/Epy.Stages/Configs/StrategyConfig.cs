namespace Epy.Stages.Configs;

/// <summary>The calibration <c>strategy</c>: an ABC strategy name and its options.</summary>
/// <param name="Name">The strategy as written (rejection, top_fraction or smc, in any case).</param>
/// <param name="Options">Strategy-specific options such as <c>num_particles</c>: numbers, or text.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record StrategyConfig(
    Located<string> Name,
    IReadOnlyDictionary<string, Located<ConfigScalar>> Options,
    SourceSpan Span);
