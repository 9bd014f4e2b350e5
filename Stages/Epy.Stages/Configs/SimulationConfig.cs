namespace Epy.Stages.Configs;

/// <summary>The <c>simulation</c> section.</summary>
/// <param name="NSims">How many stochastic simulations per parameter set (≥ 1); null when not written.</param>
/// <param name="ResampleFrequency">The pandas resample rule of the outputs (<c>D</c>, <c>W-SAT</c>, ...); null when not written.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record SimulationConfig(Located<int>? NSims, Located<string>? ResampleFrequency, SourceSpan Span);
