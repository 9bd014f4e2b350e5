namespace Epy.Stages.Configs;

/// <summary>One entry of <c>compartments</c>.</summary>
/// <param name="Id">The identifier used by transitions and outputs (e.g. <c>Hosp_vax</c>).</param>
/// <param name="Label">A human-readable name; null when not written.</param>
/// <param name="Init">The initial content.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record CompartmentConfig(Located<string> Id, Located<string>? Label, CompartmentInit Init, SourceSpan Span);
