using System.Runtime.CompilerServices;

namespace Epy.Engine.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018): a fast 64-bit generator with a 2^256−1 period that
/// passes BigCrush. Seeded through SplitMix64, so any 64-bit seed (including 0) gives a well-mixed
/// state; the same seed gives the same sequence on every run and machine (integer arithmetic only).
/// Not thread-safe: give every simulation or thread its own stream (<see cref="ForStream"/>).
/// </summary>
public sealed class Xoshiro256
{
    private State _state;

    /// <summary>Creates a generator from <paramref name="seed"/>.</summary>
    public Xoshiro256(ulong seed) => Reseed(seed);

    /// <summary>
    /// A generator for one independent stream, keyed by a seed and any path of indices (for example
    /// generation and particle). Streams with different keys are statistically independent, and the
    /// result does not depend on how many other streams exist or in what order they are made.
    /// </summary>
    public static Xoshiro256 ForStream(ulong seed, params ReadOnlySpan<ulong> path) => new(StreamKey(seed, path));

    /// <summary>Resets the state to that of <see cref="ForStream"/> with the same key; no allocation.</summary>
    public void ReseedForStream(ulong seed, params ReadOnlySpan<ulong> path) => Reseed(StreamKey(seed, path));

    private static ulong StreamKey(ulong seed, ReadOnlySpan<ulong> path)
    {
        var key = SplitMix64.Mix(seed ^ 0x6A09E667F3BCC909UL);
        foreach (var index in path)
            key = SplitMix64.Mix(key ^ SplitMix64.Mix(index + 0x9E3779B97F4A7C15UL));
        return key;
    }

    /// <summary>Resets the state as if newly created from <paramref name="seed"/>; no allocation.</summary>
    public void Reseed(ulong seed)
    {
        var sm = seed;
        _state.S0 = SplitMix64.Next(ref sm);
        _state.S1 = SplitMix64.Next(ref sm);
        _state.S2 = SplitMix64.Next(ref sm);
        _state.S3 = SplitMix64.Next(ref sm);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => _state.NextUInt64();

    /// <summary>
    /// The generator's state by value, for a hot loop to keep in registers: take it with
    /// <see cref="Borrow"/>, draw from the local copy, and hand it back with <see cref="Return"/>.
    /// </summary>
    internal State Borrow() => _state;

    /// <summary>Stores the state taken by <see cref="Borrow"/> after drawing from it.</summary>
    internal void Return(in State state) => _state = state;

    /// <summary>The four words of xoshiro256** state and its step, as a value the JIT can enregister.</summary>
    internal struct State
    {
        public ulong S0, S1, S2, S3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong NextUInt64()
        {
            var result = ulong.RotateLeft(S1 * 5, 7) * 9;
            var t = S1 << 17;
            S2 ^= S0;
            S3 ^= S1;
            S1 ^= S2;
            S0 ^= S3;
            S2 ^= t;
            S3 = ulong.RotateLeft(S3, 45);
            return result;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1L << 53));
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1L << 53));

    /// <summary>
    /// A uniform double in (0, 1): never exactly 0 or 1, safe to take the logarithm of. 52 random
    /// bits plus one half, so the largest value is 1 − 2⁻⁵³, which a double holds exactly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextOpenDouble() => ((long)(NextUInt64() >> 12) + 0.5) * (1.0 / (1L << 52));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire).</summary>
    public long NextInt64(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var range = (ulong)maxExclusive;
        var product = Math.BigMul(NextUInt64(), range, out var low);
        if (low < range)
        {
            var threshold = (0UL - range) % range;
            while (low < threshold)
                product = Math.BigMul(NextUInt64(), range, out low);
        }
        return (long)product;
    }

    /// <summary>A standard normal deviate (Marsaglia's polar method, one value per call).</summary>
    public double NextStandardNormal()
    {
        double u, v, s;
        do
        {
            u = 2.0 * NextDouble() - 1.0;
            v = 2.0 * NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        return u * Math.Sqrt(-2.0 * Math.Log(s) / s);
    }
}
