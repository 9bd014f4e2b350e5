namespace Epy.Stages.Configs;

/// <summary>One entry of <c>parameters</c>.</summary>
/// <param name="Name">The parameter's name (its key).</param>
/// <param name="Kind">How its value is set.</param>
/// <param name="Value">The number or expression of a scalar or calculated parameter; null otherwise.</param>
/// <param name="Values">The per-age-group numbers or constant expressions of an age-varying parameter; empty otherwise.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record ParameterConfig(
    Located<string> Name,
    ParameterKind Kind,
    Located<string>? Value,
    IReadOnlyList<Located<string>> Values,
    SourceSpan Span);
