namespace Epy.Stages.Configs;

/// <summary>
/// A sampled or calibrated date (the modelset's <c>start_date</c>): a reference date plus a whole
/// number of days drawn from a distribution.
/// </summary>
/// <param name="ReferenceDate">The date the drawn days are added to.</param>
/// <param name="Distribution">The distribution of the offset in days (<c>distribution</c> when sampling, <c>prior</c> when calibrating).</param>
/// <param name="Span">Where the section starts.</param>
public sealed record DatePriorConfig(Located<DateOnly> ReferenceDate, DistributionConfig Distribution, SourceSpan Span);
