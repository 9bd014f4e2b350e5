using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// What one thread of an ABC run simulates with: its distance worker and one random generator that
/// each simulation reseeds to its own stream (<see cref="Xoshiro256.ReseedForStream"/>), so that a
/// particle allocates no generator of its own.
/// </summary>
internal sealed class AbcLane(IDistanceWorker worker)
{
    public IDistanceWorker Worker { get; } = worker;

    public Xoshiro256 Random { get; } = new(0);

    /// <summary><see cref="Random"/> reset to the stream (<paramref name="seed"/>, <paramref name="path"/>): the draws of <see cref="Xoshiro256.ForStream"/>.</summary>
    public Xoshiro256 Stream(ulong seed, params ReadOnlySpan<ulong> path)
    {
        Random.ReseedForStream(seed, path);
        return Random;
    }
}
