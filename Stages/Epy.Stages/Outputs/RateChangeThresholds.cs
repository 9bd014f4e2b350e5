namespace Epy.Stages.Outputs;

/// <summary>The two rate thresholds of one horizon, in admissions per 100,000 people per week.</summary>
/// <param name="Stable">A change whose magnitude is below it is stable.</param>
/// <param name="Large">A change whose magnitude is at or above it is large.</param>
public sealed record RateChangeThresholds(double Stable, double Large);
