namespace Epy.Stages.Configs;

/// <summary>The prior of one calibrated parameter or compartment init.</summary>
/// <param name="Name">The parameter or compartment (its key).</param>
/// <param name="Prior">The prior distribution.</param>
/// <param name="Span">Where the entry starts.</param>
public sealed record CalibratedQuantityConfig(Located<string> Name, DistributionConfig Prior, SourceSpan Span);
