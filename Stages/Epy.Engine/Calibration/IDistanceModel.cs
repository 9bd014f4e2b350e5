using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// What an ABC algorithm calibrates: something that turns a parameter vector θ into a distance from
/// the observations by simulating. Thread-safe: every thread asks for its own worker.
/// </summary>
public interface IDistanceModel
{
    /// <summary>A worker with its own buffers, used by one thread at a time.</summary>
    IDistanceWorker CreateWorker();
}

/// <summary>Simulates one particle and measures it; owned by one thread.</summary>
public interface IDistanceWorker
{
    /// <summary>
    /// Simulates with <paramref name="theta"/> (one value per calibrated quantity, in order) drawing
    /// from <paramref name="rng"/>, and returns the distance to the observations. A worker may stop
    /// simulating as soon as the distance is certain to be at least <paramref name="threshold"/>
    /// (the particle will be rejected) and then returns some value ≥ <paramref name="threshold"/>;
    /// below the threshold it always returns the exact distance. +∞ asks for the exact distance.
    /// </summary>
    double Distance(ReadOnlySpan<double> theta, Xoshiro256 rng, double threshold);
}
