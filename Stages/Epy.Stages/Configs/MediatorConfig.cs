namespace Epy.Stages.Configs;

/// <summary>One entry of a <c>multi_mediated</c> transition's <c>mediators</c>.</summary>
/// <param name="Rate">The rate expression over parameters applied to contacts with every compartment of <paramref name="Sources"/>.</param>
/// <param name="Sources">The infectious compartments (<c>source</c>).</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record MediatorConfig(Located<string> Rate, IReadOnlyList<Located<string>> Sources, SourceSpan Span);
