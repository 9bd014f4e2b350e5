namespace Epy.Stages.Configs;

/// <summary>The <c>posteriors</c> output: <c>true</c>/<c>false</c>, or a mapping with <c>generations</c>.</summary>
/// <param name="Enabled">Whether posteriors are written.</param>
/// <param name="Generations">The SMC generations written (≥ 0); empty for the final one only.</param>
/// <param name="Span">Where the value is written.</param>
public sealed record PosteriorsConfig(bool Enabled, IReadOnlyList<Located<int>> Generations, SourceSpan Span);
