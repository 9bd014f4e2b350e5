namespace Epy.Stages.Configs;

/// <summary>The <c>quantiles</c> or <c>trajectories</c> section of an output config.</summary>
/// <param name="Compartments">The compartments written.</param>
/// <param name="Transitions">The transitions written.</param>
/// <param name="Span">Where the section starts.</param>
public sealed record OutputSeriesConfig(OutputSelection Compartments, OutputSelection Transitions, SourceSpan Span)
{
    /// <summary>
    /// The quantile levels (<c>quantiles.selections</c>), each in (0, 1), in the order written; null
    /// for FluSight's 23 (and always null for trajectories).
    /// </summary>
    public IReadOnlyList<double>? Levels { get; init; }
}
