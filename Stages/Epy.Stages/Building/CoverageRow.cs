namespace Epy.Stages.Building;

/// <summary>One row of a vaccine scenario: cumulative coverage of an age band by the end of a week.</summary>
/// <param name="Band">The age band the coverage is of.</param>
/// <param name="WeekEnding">The last day of the week (a Saturday in the scenario files).</param>
/// <param name="CoveragePercent">The share of the band vaccinated so far, in percent (0–100).</param>
public sealed record CoverageRow(AgeBand Band, DateOnly WeekEnding, double CoveragePercent);
