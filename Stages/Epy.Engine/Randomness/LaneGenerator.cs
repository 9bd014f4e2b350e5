using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Epy.Engine.Randomness;

/// <summary>
/// Eight xoshiro256** streams stepped in lockstep, one per lane of a 512-bit vector, for samplers
/// that draw eight variates at once. Every lane steps on every call, used or not, so what a lane
/// draws depends only on the seed and the number of calls; integer arithmetic only, so the same on
/// every machine, with AVX-512 or with the runtime's fallback for <see cref="Vector512{T}"/>.
/// A mutable struct on purpose: a sampler copies it into locals so the state stays in registers.
/// </summary>
internal struct LaneGenerator
{
    /// <summary>The number of streams, one per lane.</summary>
    public const int Lanes = 8;

    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Seeds lane i from the i-th value of <paramref name="parent"/>, spread by SplitMix64 like <see cref="Xoshiro256"/>'s own seeding.</summary>
    public void Seed(Xoshiro256 parent)
    {
        Span<ulong> words = stackalloc ulong[4 * Lanes];
        SeedWords(parent, words);
        _s0 = Vector512.Create<ulong>(words[..Lanes]);
        _s1 = Vector512.Create<ulong>(words.Slice(Lanes, Lanes));
        _s2 = Vector512.Create<ulong>(words.Slice(2 * Lanes, Lanes));
        _s3 = Vector512.Create<ulong>(words.Slice(3 * Lanes, Lanes));
    }

    /// <summary>The seeded state as words: word w of lane i at [w·8 + i].</summary>
    public static void SeedWords(Xoshiro256 parent, Span<ulong> words)
    {
        for (var lane = 0; lane < Lanes; lane++)
        {
            var seed = parent.NextUInt64();
            for (var w = 0; w < 4; w++)
                words[w * Lanes + lane] = SplitMix64.Next(ref seed);
        }
    }

    /// <summary>
    /// One lane of <see cref="NextDouble()"/> on state kept as words (<see cref="SeedWords"/>): the
    /// same numbers, for code that runs the lanes one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NextDouble(Span<ulong> words, int lane)
    {
        ref var s0 = ref words[lane];
        ref var s1 = ref words[Lanes + lane];
        ref var s2 = ref words[2 * Lanes + lane];
        ref var s3 = ref words[3 * Lanes + lane];
        var result = ulong.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return (long)(result >> 11) * (1.0 / (1L << 53));
    }

    /// <summary>The next 64 random bits of every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Next()
    {
        // rotl(s1·5, 7)·9, with the multiplications as shifts and adds.
        var times5 = _s1 + (_s1 << 2);
        var rotated = RotateLeft(times5, 7);
        var result = rotated + (rotated << 3);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits in every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<double> NextDouble() =>
        Vector512.ConvertToDouble((Next() >>> 11).AsInt64()) * (1.0 / (1L << 53));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> RotateLeft(Vector512<ulong> x, [ConstantExpected] byte count) =>
        Avx512F.IsSupported ? Avx512F.RotateLeft(x, count) : (x << count) | (x >>> (64 - count));
}
