namespace Epy.Engine.Calibration;

/// <summary>
/// How far a simulated series is from the observed one: 0 for a perfect match, larger for worse.
/// Called once per simulated particle, so implementations must not allocate.
/// </summary>
/// <param name="observed">The observations, one value per time point.</param>
/// <param name="simulated">The simulation at the same time points; as long as <paramref name="observed"/>.</param>
/// <returns>A non-negative distance (+∞ or NaN in the cases each function documents).</returns>
public delegate double DistanceFunction(ReadOnlySpan<double> observed, ReadOnlySpan<double> simulated);
