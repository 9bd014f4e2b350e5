namespace Epy.Stages.Configs;

/// <summary>The <c>model_meta</c> output (model metadata is always written; this adds to it).</summary>
/// <param name="ProjectionParameters">Whether the projection parameters are recorded.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record ModelMetaConfig(Located<bool> ProjectionParameters, SourceSpan Span);
