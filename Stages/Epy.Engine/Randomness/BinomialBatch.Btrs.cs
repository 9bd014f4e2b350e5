using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Epy.Engine.Randomness;

internal sealed partial class BinomialBatch
{
    // Columns of the exact-test queue beyond n, p and the key: the candidate and its two uniforms.
    private const int Candidate = 3, Us = 4, V = 5, Accepted = 6, LogV = 7, LogRatio = 8;

    // BTRS (Hörmann, 1993) with the constants and squeeze of Binomial's scalar version, in passes:
    // every waiting draw proposes a candidate; the squeeze accepts most; the rest, packed, get the
    // exact test together; the draws whose candidate was rejected, packed, make the next pass.

    /// <summary>One pass of candidates for the first <paramref name="count"/> waiting draws (see <see cref="SqueezeVectors"/>).</summary>
    private (int Waiting, int Testing) Squeeze(int count) =>
        Vectorised ? SqueezeVectors(ref _generator, count) : SqueezeLaneByLane(count);

    /// <summary>
    /// The exact tests of a pass: accepted candidates finish, the draws of rejected ones join the
    /// <paramref name="waiting"/> draws the pass left at the front of the queue. Returns how many wait.
    /// </summary>
    private int Settle(int waiting, int testing)
    {
        if (!Vectorised)
            return SettleLaneByLane(waiting, testing);
        var queue = _rejection;
        var exact = _exact;
        if (testing > 0)
            ExactTests(testing);
        for (var start = 0; start < testing; start += Lanes)
        {
            var n = exact.Load(N, start);
            var key = exact.Load(Key, start);
            var valid = FirstLanes(testing - start);
            var accepted = valid & exact.Load(Accepted, start);
            Finish(accepted, exact.Load(Candidate, start), n, key);
            waiting += queue.Pack(waiting, Vector512.AndNot(valid, accepted), n, exact.Load(P, start), key);
        }
        return waiting;
    }

    /// <summary>The first <paramref name="count"/> waiting draws, each to the end by the scalar sampler (from its own stream).</summary>
    private void BtrsOneByOne(int count)
    {
        var queue = _rejection;
        var n = queue.Column(N);
        var p = queue.Column(P);
        var keys = queue.Column(Key);
        var results = _results;
        for (var i = 0; i < count; i++)
        {
            var key = BitConverter.DoubleToInt64Bits(keys[i]);
            results[(int)(key >> 1)] = Binomial.SampleSmall(_scalar, (int)n[i], p[i], (key & 1) != 0);
        }
    }

    /// <summary>
    /// One pass of candidates for the first <paramref name="count"/> waiting draws: writes those the
    /// squeeze accepts, queues the undecided for the exact test and packs the rejected at the front
    /// of the queue. No calls inside, so the generator and the constants stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private (int Waiting, int Testing) SqueezeVectors(ref LaneGenerator generator, int count)
    {
        var g = generator;
        var queue = _rejection;
        var exact = _exact;
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
            Finish(accepted, k, n, key);

            var undecided = Vector512.AndNot(candidate, accepted);
            var undecidedCount = exact.Pack(testing, undecided, n, p, key);
            if (undecidedCount > 0)
            {
                exact.Pack(Candidate, testing, undecided, k);
                exact.Pack(Us, testing, undecided, us);
                exact.Pack(V, testing, undecided, v);
                testing += undecidedCount;
            }
            waiting += queue.Pack(waiting, Vector512.AndNot(valid, candidate), n, p, key);
        }
        generator = g;
        return (waiting, testing);
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
            if (count - start <= ScalarLanes)
                ExactTestsOneByOne(exact, start, count);
            else
                ExactTest(exact, start);
        }
    }

    /// <summary>
    /// Up to this many candidates left, they are tested one at a time (measured on the reference
    /// model: 1 is 3% faster than 2 since BTRS and inversion stages interleave, 0 and 3 slower).
    /// </summary>
    private const int ScalarLanes = 1;

    /// <summary>
    /// The exact test of the last few candidates, one at a time with the scalar sampler's test:
    /// a whole vector evaluation costs more than that for a single lane, since the scalar test
    /// near the mode is a short product and far from it mostly one logarithm.
    /// </summary>
    private static void ExactTestsOneByOne(Columns exact, int start, int count)
    {
        var n = exact.Column(N);
        var p = exact.Column(P);
        var k = exact.Column(Candidate);
        var us = exact.Column(Us);
        var v = exact.Column(V);
        var accepted = exact.Writable(Accepted);
        for (var i = start; i < count; i++)
        {
            var q = 1.0 - p[i];
            var spq = Math.Sqrt(n[i] * p[i] * q);
            var b = 1.15 + 2.53 * spq;
            var a = -0.0873 + 0.0248 * b + 0.01 * p[i];
            accepted[i] = Binomial.BtrsAcceptsExactly((int)n[i], p[i], q, spq, a, b, (int)k[i], us[i], v[i]) ? AllBits : 0.0;
        }
    }

    /// <summary>A lane of a true mask: every bit set.</summary>
    private static readonly double AllBits = BitConverter.Int64BitsToDouble(-1);

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
    /// BTRS's exact test in every lane: v scaled to the hat at u against f(k)/f(m), in logarithms
    /// with Stirling's formula (<see cref="Binomial"/>'s LogPmfRatio). Vector division is slow, so
    /// the test takes three instead of fifteen: one for the term multiplied by n + 1, where every
    /// unit in the last place counts; one shared by seven reciprocals; one by the four logarithms.
    /// Meaningful only in candidate lanes; other lanes give arbitrary answers but no exception.
    /// </summary>
    /// <remarks>Reads its lanes from the queue and writes the verdict there: a call with vectors as arguments would pass them through memory.</remarks>
    private static void ExactTest(Columns exact, int start)
    {
        var n = exact.Load(N, start);
        var p = exact.Load(P, start);
        var k = exact.Load(Candidate, start);
        var us = exact.Load(Us, start);
        var v = exact.Load(V, start);
        var one = Vector512<double>.One;
        var half = Vector512.Create(0.5);
        var (spq, b, a) = HatOf(n, p);
        var q = one - p;
        var m = Vector512.Floor((n + one) * p);

        // v·α/(a/us² + b) with α = (2.83 + 5.1/b)·√(npq), as v·(2.83b + 5.1)·√(npq)·us² / (b·(a + b·us²)).
        var us2 = us * us;
        var hatNumerator = v * ((Vector512.Create(2.83) * b + Vector512.Create(5.1)) * spq * us2);
        var hatDenominator = b * (a + b * us2);

        // Seven reciprocals from one division: the hat's, (m+1)q/(p(n−m+1)) and p(n−k+1)/(q(k+1))
        // need 1/(p(n−m+1)) and 1/(q(k+1)); Stirling's tails need 1/(x + 1) for m, n − m, k, n − k.
        var m1 = m + one;
        var nm1 = n - m + one;
        var k1 = k + one;
        var nk1 = n - k + one;
        var pnm1 = p * nm1;
        var qk1 = q * k1;
        var mnm = m1 * nm1;
        var knk = k1 * nk1;
        var tails = mnm * knk;
        var hatPnm = hatDenominator * pnm1;
        var reciprocal = one / (tails * hatPnm * qk1);
        var overTails = hatPnm * qk1 * reciprocal;
        var overOthers = tails * reciprocal;

        var logV = hatNumerator * (pnm1 * qk1 * overOthers);
        var modeArgument = m1 * q * (hatDenominator * qk1 * overOthers);
        var kArgument = p * nk1 * (hatPnm * overOthers);
        var nArgument = nm1 / nk1;

        // Four logarithms from one division: each needs s = f/(2 + f).
        var fV = VectorMath.Fraction(logV);
        var fMode = VectorMath.Fraction(modeArgument);
        var fN = VectorMath.Fraction(nArgument);
        var fK = VectorMath.Fraction(kArgument);
        var dV = Vector512.Create(2.0) + fV;
        var dMode = Vector512.Create(2.0) + fMode;
        var dN = Vector512.Create(2.0) + fN;
        var dK = Vector512.Create(2.0) + fK;
        var dVMode = dV * dMode;
        var dNK = dN * dK;
        var overD = one / (dVMode * dNK);
        var overVMode = dNK * overD;
        var overNK = dVMode * overD;
        // Fused multiply-adds shorten the chain the test's latency is (its lane-by-lane twin fuses the same).
        logV = VectorMath.LogOfReducedFused(fV, fV * (dMode * overVMode), VectorMath.Exponent(logV));
        var stirling = (StirlingTail(m, nm1 * knk * overTails) + StirlingTail(n - m, m1 * knk * overTails))
            - (StirlingTail(k, nk1 * mnm * overTails) + StirlingTail(n - k, k1 * mnm * overTails));
        var logRatio = Vector512.FusedMultiplyAdd(m + half, VectorMath.LogOfReducedFused(fMode, fMode * (dV * overVMode), VectorMath.Exponent(modeArgument)),
            Vector512.FusedMultiplyAdd(n + one, VectorMath.LogOfReducedFused(fN, fN * (dK * overNK), VectorMath.Exponent(nArgument)),
            Vector512.FusedMultiplyAdd(k + half, VectorMath.LogOfReducedFused(fK, fK * (dN * overNK), VectorMath.Exponent(kArgument)), stirling)));
        // v = 0 (one chance in 2⁵³) is rejected, as by the scalar sampler.
        exact.Store(Accepted, start, Vector512.LessThanOrEqual(logV, logRatio) & ~Vector512.Equals(v, Vector512<double>.Zero));
        // Both sides kept, so a test can hold the lane-by-lane path to the same bits.
        exact.Store(LogV, start, logV);
        exact.Store(LogRatio, start, logRatio);
    }

    /// <summary>For tests: the two sides of the vector exact test of up to eight candidates.</summary>
    internal static (double LogV, double LogRatio)[] ExactTestSides(ReadOnlySpan<double> n, ReadOnlySpan<double> p, ReadOnlySpan<double> k, ReadOnlySpan<double> us, ReadOnlySpan<double> v)
    {
        var exact = new Columns(Lanes, 9);
        n.CopyTo(exact.Writable(N));
        p.CopyTo(exact.Writable(P));
        k.CopyTo(exact.Writable(Candidate));
        us.CopyTo(exact.Writable(Us));
        v.CopyTo(exact.Writable(V));
        ExactTest(exact, 0);
        return [.. Enumerable.Range(0, n.Length).Select(i => (exact.Column(LogV)[i], exact.Column(LogRatio)[i]))];
    }

    /// <summary>
    /// ln x! − [(x + ½)·ln(x + 1) − (x + 1) + ½·ln 2π] in every lane, given 1/(x + 1): the series,
    /// or the exact table below 32.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> StirlingTail(Vector512<double> x, Vector512<double> inverse)
    {
        var inverse2 = inverse * inverse;
        // 1/12 − (1/360 − (1/1260 − (1/1680 − i²/1188)·i²)·i²)·i², as fused multiply-adds.
        var series = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(
            inverse2, Vector512.Create(1.0 / 1188), Vector512.Create(-1.0 / 1680)), inverse2, Vector512.Create(1.0 / 1260)),
            inverse2, Vector512.Create(-1.0 / 360)), inverse2, Vector512.Create(1.0 / 12)) * inverse;
        var small = Vector512.LessThan(x, Vector512.Create(32.0));
        return small == Vector512<double>.Zero ? series : Vector512.ConditionalSelect(small, SmallStirlingTails(x), series);
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
