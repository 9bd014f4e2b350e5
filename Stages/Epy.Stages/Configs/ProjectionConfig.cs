namespace Epy.Stages.Configs;

/// <summary>
/// The <c>calibration.projection</c>: trajectories simulated from the posterior after fitting, from the
/// calibration's start to the basemodel's <c>timespan.end_date</c> (as epymodelingsuite, whose
/// projection has no end date of its own).
/// </summary>
/// <param name="NTrajectories">How many trajectories (≥ 1), each from a particle drawn by weight.</param>
/// <param name="GenerationNumber">
/// The calibration generation the particles are drawn from, numbered from 0 as epydemix does; null for
/// the last one kept.
/// </param>
/// <param name="Span">Where the section starts.</param>
public sealed record ProjectionConfig(Located<int> NTrajectories, Located<int>? GenerationNumber, SourceSpan Span);
