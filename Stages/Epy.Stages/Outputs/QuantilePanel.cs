namespace Epy.Stages.Outputs;

/// <summary>One location's data for a quantile plot.</summary>
/// <param name="Location">The location's ISO code (the panel's title).</param>
/// <param name="Weeks">The projected weeks.</param>
/// <param name="Trajectories">The plotted series of each trajectory, one value per week.</param>
/// <param name="Surveillance">The observed series, in date order; empty for none.</param>
/// <param name="FittingWindow">The calibration's fitting window; null for none.</param>
public sealed record QuantilePanel(
    string Location,
    IReadOnlyList<DateOnly> Weeks,
    IReadOnlyList<double[]> Trajectories,
    IReadOnlyList<(DateOnly Date, double Value)> Surveillance,
    (DateOnly Start, DateOnly End)? FittingWindow);
