namespace Epy.Reliability.Tests.Faults;

/// <summary>
/// A seeded random source (SplitMix64; System.Random's seeded generator is banned here) shared by
/// concurrent callers under one lock: the same seed gives the same sequence of decisions.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private readonly Lock _gate = new();
    private ulong _state = seed;

    /// <summary>A source for item <paramref name="index"/> of the sequence seeded by <paramref name="seed"/>.</summary>
    public static SeededRandom For(int seed, int index) => new(((ulong)(uint)seed << 32) ^ (uint)index ^ 0x5DEECE66DUL);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => Next() < p;

    /// <summary>A number in [0, 1).</summary>
    public double Next() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextBits() % (ulong)(max - min));

    private ulong NextBits()
    {
        lock (_gate)
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
