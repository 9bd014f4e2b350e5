namespace Epy.Stages.Outputs;

/// <summary>A built hub submission and what had to be left out of it.</summary>
/// <param name="Rows">The rows, location by location: quantiles by horizon, then pmf rows by horizon.</param>
/// <param name="Warnings">One line per location or horizon left out, and why.</param>
public sealed record HubForecast(IReadOnlyList<HubRow> Rows, IReadOnlyList<string> Warnings);
