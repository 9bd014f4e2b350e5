using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Epy.Engine.Randomness;

internal sealed partial class BinomialBatch
{
    // Columns of the exact-test queue beyond n, p and the key: the candidate and its two uniforms.
    private const int Candidate = 3, Us = 4, V = 5, Accepted = 6;

    /// <summary>
    /// BTRS (Hörmann, 1993) with the constants and squeeze of <see cref="Binomial"/>'s scalar
    /// version, in passes: every waiting draw proposes a candidate; the squeeze accepts most; the
    /// rest, packed, get the exact test together; the draws whose candidate was rejected, packed,
    /// make the next pass, until none is left.
    /// </summary>
    private void Btrs(ref LaneGenerator generator)
    {
        var g = generator;
        var queue = _rejection;
        var exact = _exact;
        var count = queue.Count;
        while (count > 0)
        {
            var waiting = 0;
            var testing = 0;
            for (var start = 0; start < count; start += Lanes)
            {
                var n = queue.Load(N, start);
                var p = queue.Load(P, start);
                var key = queue.Load(Key, start);
                var (spq, b, a) = HatOf(n, p);
                var u = g.NextDouble() - Vector512.Create(0.5);
                var v = g.NextDouble();
                var us = Vector512.Create(0.5) - Vector512.Abs(u);
                var kd = (Vector512.Create(2.0) * a / us + b) * u + (n * p + Vector512.Create(0.5));
                var valid = FirstLanes(count - start);
                var candidate = valid & Vector512.GreaterThanOrEqual(kd, Vector512<double>.Zero) & Vector512.LessThan(kd, n + Vector512<double>.One);
                var k = Vector512.Floor(kd);
                // The squeeze v ≤ v_r with v_r = 0.92 − 4.2/b, multiplied through by b > 0.
                var accepted = candidate & Vector512.GreaterThanOrEqual(us, Vector512.Create(0.07))
                    & Vector512.LessThanOrEqual(v * b, Vector512.Create(0.92) * b - Vector512.Create(4.2));
                Write(accepted.ExtractMostSignificantBits(), k, n, key);

                var undecided = Vector512.AndNot(candidate, accepted);
                exact.Pack(N, testing, undecided, n);
                exact.Pack(P, testing, undecided, p);
                exact.Pack(Key, testing, undecided, key);
                exact.Pack(Candidate, testing, undecided, k);
                exact.Pack(Us, testing, undecided, us);
                exact.Pack(V, testing, undecided, v);
                testing += BitOperations.PopCount(undecided.ExtractMostSignificantBits());

                var again = Vector512.AndNot(valid, candidate);
                queue.Pack(N, waiting, again, n);
                queue.Pack(P, waiting, again, p);
                queue.Pack(Key, waiting, again, key);
                waiting += BitOperations.PopCount(again.ExtractMostSignificantBits());
            }
            ExactTests(testing);
            for (var start = 0; start < testing; start += Lanes)
            {
                var n = exact.Load(N, start);
                var key = exact.Load(Key, start);
                var valid = FirstLanes(testing - start);
                var accepted = valid & exact.Load(Accepted, start);
                Write(accepted.ExtractMostSignificantBits(), exact.Load(Candidate, start), n, key);

                var again = Vector512.AndNot(valid, accepted);
                queue.Pack(N, waiting, again, n);
                queue.Pack(P, waiting, again, exact.Load(P, start));
                queue.Pack(Key, waiting, again, key);
                waiting += BitOperations.PopCount(again.ExtractMostSignificantBits());
            }
            count = waiting;
        }
        queue.Count = 0;
        generator = g;
    }

    /// <summary>
    /// Runs BTRS's exact test on the first <paramref name="count"/> queued candidates and stores the
    /// verdicts (a lane mask) in the Accepted column. A method of its own: the test is long, and
    /// inlined into the squeeze loop it would crowd that loop's registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ExactTests(int count)
    {
        var exact = _exact;
        for (var start = 0; start < count; start += Lanes)
        {
            exact.Store(Accepted, start, AcceptsExactly(exact.Load(N, start), exact.Load(P, start), exact.Load(Candidate, start),
                exact.Load(Us, start), exact.Load(V, start)));
        }
    }

    /// <summary>BTRS's hat for Binomial(n, p): √(npq), b = 1.15 + 2.53·√(npq) and a = −0.0873 + 0.0248·b + 0.01·p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<double> Spq, Vector512<double> B, Vector512<double> A) HatOf(Vector512<double> n, Vector512<double> p)
    {
        var spq = Vector512.Sqrt(n * p * (Vector512<double>.One - p));
        var b = Vector512.Create(1.15) + Vector512.Create(2.53) * spq;
        var a = Vector512.Create(-0.0873) + Vector512.Create(0.0248) * b + Vector512.Create(0.01) * p;
        return (spq, b, a);
    }

    /// <summary>
    /// BTRS's exact test in every lane: v scaled to the hat at u against f(k)/f(m), in logarithms with
    /// Stirling's formula (<see cref="Binomial"/>'s LogPmfRatio). Meaningful only in candidate lanes;
    /// lanes holding anything else give arbitrary answers but no exception.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> AcceptsExactly(Vector512<double> n, Vector512<double> p, Vector512<double> k, Vector512<double> us, Vector512<double> v)
    {
        var (spq, b, a) = HatOf(n, p);
        var q = Vector512<double>.One - p;
        var one = Vector512<double>.One;
        var half = Vector512.Create(0.5);
        var alpha = (Vector512.Create(2.83) + Vector512.Create(5.1) / b) * spq;
        var logV = VectorMath.Log(v * (alpha / (a / (us * us) + b)));

        var m = Vector512.Floor((n + one) * p);
        var r = p / q;
        var nmm = n - m;
        var nmk = n - k;
        var logRatio = (m + half) * VectorMath.Log((m + one) / (r * (nmm + one)))
            + (n + one) * VectorMath.Log((nmm + one) / (nmk + one))
            + (k + half) * VectorMath.Log(r * (nmk + one) / (k + one))
            + StirlingTail(m) + StirlingTail(nmm) - StirlingTail(k) - StirlingTail(nmk);
        // v = 0 (one chance in 2⁵³) is rejected, as by the scalar sampler.
        return Vector512.LessThanOrEqual(logV, logRatio) & ~Vector512.Equals(v, Vector512<double>.Zero);
    }

    /// <summary>ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π] in every lane: the series, or the exact table below 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> StirlingTail(Vector512<double> k)
    {
        var inverse = Vector512<double>.One / (k + Vector512<double>.One);
        var inverse2 = inverse * inverse;
        var series = (Vector512.Create(1.0 / 12) - (Vector512.Create(1.0 / 360) - (Vector512.Create(1.0 / 1260)
            - (Vector512.Create(1.0 / 1680) - inverse2 * (1.0 / 1188)) * inverse2) * inverse2) * inverse2) * inverse;
        var small = Vector512.LessThan(k, Vector512.Create(32.0));
        return small == Vector512<double>.Zero ? series : Vector512.ConditionalSelect(small, SmallStirlingTails(k), series);
    }

    private static readonly Vector512<double> Tails0 = Vector512.Create<double>(Binomial.SmallStirlingTails.AsSpan(0, 8));
    private static readonly Vector512<double> Tails8 = Vector512.Create<double>(Binomial.SmallStirlingTails.AsSpan(8, 8));
    private static readonly Vector512<double> Tails16 = Vector512.Create<double>(Binomial.SmallStirlingTails.AsSpan(16, 8));
    private static readonly Vector512<double> Tails24 = Vector512.Create<double>(Binomial.SmallStirlingTails.AsSpan(24, 8));

    /// <summary>The table of exact tails looked up in every lane (lanes outside [0, 32) get an arbitrary entry).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> SmallStirlingTails(Vector512<double> k)
    {
        var index = Vector512.ConvertToInt64(Vector512.Min(Vector512.Max(k, Vector512<double>.Zero), Vector512.Create(31.0)));
        if (Avx512F.IsSupported)
        {
            var low = Avx512F.PermuteVar8x64x2(Tails0, index, Tails8);
            var high = Avx512F.PermuteVar8x64x2(Tails16, index, Tails24);
            return Vector512.ConditionalSelect(Vector512.GreaterThan(index, Vector512.Create(15L)).AsDouble(), high, low);
        }
        return SmallStirlingTailsLaneByLane(index);
    }

    /// <summary>The same lookup without AVX-512, one lane at a time; an index out of range (only in a lane never used) reads entry 0.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<double> SmallStirlingTailsLaneByLane(Vector512<long> index)
    {
        Span<double> values = stackalloc double[Lanes];
        var tails = Binomial.SmallStirlingTails;
        for (var lane = 0; lane < Lanes; lane++)
        {
            var i = index.GetElement(lane);
            values[lane] = (ulong)i < (ulong)tails.Length ? tails[i] : tails[0];
        }
        return Vector512.Create<double>(values);
    }
}
