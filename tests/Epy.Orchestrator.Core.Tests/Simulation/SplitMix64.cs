namespace Epy.Orchestrator.Core.Tests.Simulation;

/// <summary>
/// A small seeded generator (SplitMix64) for the simulated world. <see cref="For"/> derives a generator
/// from a seed and a key, so an answer depends only on what it answers, never on when it is asked.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public static SplitMix64 For(ulong seed, string key)
    {
        // FNV-1a: a stable hash (string.GetHashCode changes from one process to the next).
        var hash = 14695981039346656037UL;
        foreach (var c in key)
            hash = (hash ^ c) * 1099511628211UL;
        return new SplitMix64(seed ^ hash);
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [0, <paramref name="count"/>).</summary>
    public int Below(int count) => (int)(Next() % (ulong)count);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => (Next() >> 11) * (1.0 / (1UL << 53)) < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
