namespace Epy.Stages.Configs;

/// <summary>The free-form <c>meta</c> section (description, author, version, date, ...), kept as text.</summary>
/// <param name="Values">Each key with its scalar value as written.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record ConfigMeta(IReadOnlyDictionary<string, Located<string>> Values, SourceSpan Span);
