using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Epy.Engine.Randomness;

// The batch's algorithm one lane at a time, for machines where 256-bit vectors do not run in
// hardware (ARM64, x64 without AVX2): there the runtime splits every Vector512 operation twice and
// calls a method for each half, which made the vector code five times slower than the scalar
// sampler. Same numbers as the vector code, lane for lane: the same chunks of eight, the same
// lockstep streams (every lane steps whenever its vector would), the same packing order and the
// same IEEE operations in the same order (VectorMath's one-lane functions). A test runs both on the
// same rounds and compares every draw.
internal sealed partial class BinomialBatch
{
    /// <summary>True where 256-bit vectors run in hardware, so the vector code is the fast one.</summary>
    internal static readonly bool HardwareVectors = Vector256.IsHardwareAccelerated;

    /// <summary>The lanes' xoshiro256** state as words (word w of lane i at [w·8 + i]), for the lane-by-lane path.</summary>
    private readonly ulong[] _words = new ulong[4 * Lanes];

    /// <summary>True when this batch runs the vector code, false when it runs lane by lane.</summary>
    public bool Vectorised { get; }

    /// <summary><see cref="Classify"/> lane by lane: the certain outcomes written, the others queued in order.</summary>
    private void ClassifyLaneByLane(double[] n, double[] small, double[] flipped, double[] logQ, int count)
    {
        var results = _results;
        int inverting = 0, rejecting = 0;
        Span<double> inversionN = _inversion.Writable(N), inversionP = _inversion.Writable(P), inversionKey = _inversion.Writable(Key);
        var inversionLogQ = _inversion.Writable(LogQ);
        Span<double> rejectionN = _rejection.Writable(N), rejectionP = _rejection.Writable(P), rejectionKey = _rejection.Writable(Key);
        for (var i = 0; i < count; i++)
        {
            var flip = flipped[i] != 0.0;
            results[i] = flip ? n[i] : 0.0;
            var mean = n[i] * small[i];
            if (!(mean > 0.0))
                continue;
            var key = BitConverter.Int64BitsToDouble(2L * i + (flip ? 1 : 0));
            if (mean < InversionMeanLimit)
            {
                (inversionN[inverting], inversionP[inverting], inversionKey[inverting], inversionLogQ[inverting]) = (n[i], small[i], key, logQ[i]);
                inverting++;
            }
            else
            {
                (rejectionN[rejecting], rejectionP[rejecting], rejectionKey[rejecting]) = (n[i], small[i], key);
                rejecting++;
            }
        }
        _inversion.Count = inverting;
        _rejection.Count = rejecting;
    }

    /// <summary>Writes a finished draw x (n − x when flipped) to its index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(double[] results, double key, double n, double x)
    {
        var bits = BitConverter.DoubleToInt64Bits(key);
        results[(int)(bits >> 1)] = (bits & 1) == 0 ? x : n - x;
    }

    /// <summary>The zero squeeze: one uniform per lane per chunk; the walkers packed at the front, in order, with f(0).</summary>
    private int ZeroSqueezeLaneByLane()
    {
        var words = _words.AsSpan();
        var queue = _inversion;
        var count = queue.Count;
        var results = _results;
        var n = queue.Writable(N);
        var p = queue.Writable(P);
        var key = queue.Writable(Key);
        var u = queue.Writable(U);
        var logQ = queue.Column(LogQ);
        var zero = queue.Writable(F0);
        var walking = 0;
        for (var start = 0; start < count; start += Lanes)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                var uniform = LaneGenerator.NextDouble(words, lane);
                var i = start + lane;
                if (i >= count)
                    continue;
                if (uniform <= 1.0 - n[i] * p[i])
                {
                    Finish(results, key[i], n[i], 0.0);
                    continue;
                }
                var f0 = VectorMath.Exp(n[i] * (double.IsNaN(logQ[i]) ? PortableMath.Log(1.0 - p[i]) : logQ[i]));
                (n[walking], p[walking], key[walking], u[walking], zero[walking]) = (n[i], p[i], key[i], uniform, f0);
                walking++;
            }
        }
        return walking;
    }

    /// <summary>
    /// The walks, each lane on its own; a lane left with u above the whole mass starts again with
    /// the uniform its stream gives in the restart round, in which every lane's stream steps.
    /// </summary>
    private void WalksLaneByLane(int walking)
    {
        var words = _words.AsSpan();
        var queue = _inversion;
        var results = _results;
        var n = queue.Column(N);
        var p = queue.Column(P);
        var key = queue.Column(Key);
        var u = queue.Column(U);
        var f0 = queue.Column(F0);
        Span<bool> again = stackalloc bool[Lanes];
        for (var start = 0; start < walking; start += Lanes)
        {
            var lanes = Math.Min(Lanes, walking - start);
            var any = false;
            for (var lane = 0; lane < lanes; lane++)
            {
                var i = start + lane;
                again[lane] = !WalkOneLane(n[i], p[i], u[i], f0[i], out var x);
                if (again[lane])
                    any = true;
                else
                    Finish(results, key[i], n[i], x);
            }
            while (any)
            {
                any = false;
                for (var lane = 0; lane < Lanes; lane++)
                {
                    var uniform = LaneGenerator.NextDouble(words, lane);
                    if (lane >= lanes || !again[lane])
                        continue;
                    var i = start + lane;
                    again[lane] = !WalkOneLane(n[i], p[i], uniform, f0[i], out var x);
                    if (again[lane])
                        any = true;
                    else
                        Finish(results, key[i], n[i], x);
                }
            }
        }
    }

    /// <summary>One lane of the vector walk: false when the walk reaches n with u left over.</summary>
    private static bool WalkOneLane(double n, double p, double u, double f, out double x)
    {
        var odds = p / (1.0 - p);
        var reciprocals = Binomial.Reciprocals;
        for (var i = 0; ; i++)
        {
            if (u <= f)
            {
                x = i;
                return true;
            }
            if (n <= i)
            {
                x = 0;
                return false;
            }
            u -= f;
            var next = i + 1;
            var reciprocal = next < reciprocals.Length ? reciprocals[next] : 1.0 / next;
            f *= (n - i) * odds * reciprocal;
        }
    }

    /// <summary>One pass of candidates lane by lane, as <see cref="SqueezeVectors"/> makes it.</summary>
    private (int Waiting, int Testing) SqueezeLaneByLane(int count)
    {
        var words = _words.AsSpan();
        var results = _results;
        var queue = _rejection;
        var exact = _exact;
        var n = queue.Writable(N);
        var p = queue.Writable(P);
        var key = queue.Writable(Key);
        var en = exact.Writable(N);
        var ep = exact.Writable(P);
        var ekey = exact.Writable(Key);
        var ek = exact.Writable(Candidate);
        var eus = exact.Writable(Us);
        var ev = exact.Writable(V);
        var waiting = 0;
        var testing = 0;
        for (var start = 0; start < count; start += Lanes)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                // Both uniforms of every lane's stream, as the vector draws them: all u, then all v.
                _uniforms[lane] = LaneGenerator.NextDouble(words, lane) - 0.5;
            }
            for (var lane = 0; lane < Lanes; lane++)
                _uniforms[Lanes + lane] = LaneGenerator.NextDouble(words, lane);
            for (var lane = 0; lane < Math.Min(Lanes, count - start); lane++)
            {
                var i = start + lane;
                var (spq, b, a) = Hat(n[i], p[i]);
                var u = _uniforms[lane];
                var v = _uniforms[Lanes + lane];
                var us = 0.5 - Math.Abs(u);
                var kd = (2.0 * a / us + b) * u + (n[i] * p[i] + 0.5);
                if (!(kd >= 0.0 && kd < n[i] + 1.0))
                {
                    (n[waiting], p[waiting], key[waiting]) = (n[i], p[i], key[i]);
                    waiting++;
                    continue;
                }
                var k = Math.Floor(kd);
                if (us >= 0.07 && v * b <= 0.92 * b - 4.2)
                {
                    Finish(results, key[i], n[i], k);
                    continue;
                }
                (en[testing], ep[testing], ekey[testing], ek[testing], eus[testing], ev[testing]) = (n[i], p[i], key[i], k, us, v);
                testing++;
            }
        }
        return (waiting, testing);
    }

    /// <summary><see cref="Settle"/> lane by lane: the same exact tests, the rejected appended in order.</summary>
    private int SettleLaneByLane(int waiting, int testing)
    {
        var results = _results;
        var queue = _rejection;
        var exact = _exact;
        var n = queue.Writable(N);
        var p = queue.Writable(P);
        var key = queue.Writable(Key);
        var en = exact.Column(N);
        var ep = exact.Column(P);
        var ekey = exact.Column(Key);
        var ek = exact.Column(Candidate);
        var eus = exact.Column(Us);
        var ev = exact.Column(V);
        var accepted = exact.Writable(Accepted);
        for (var start = 0; start < testing; start += Lanes)
        {
            if (testing - start <= ScalarLanes)
            {
                ExactTestsOneByOne(exact, start, testing);
                continue;
            }
            for (var i = start; i < Math.Min(testing, start + Lanes); i++)
            {
                var (logV, logRatio) = ExactTestSidesOneLane(en[i], ep[i], ek[i], eus[i], ev[i]);
                accepted[i] = logV <= logRatio && ev[i] != 0.0 ? AllBits : 0.0;
            }
        }
        for (var i = 0; i < testing; i++)
        {
            if (BitConverter.DoubleToInt64Bits(accepted[i]) != 0)
            {
                Finish(results, ekey[i], en[i], ek[i]);
                continue;
            }
            (n[waiting], p[waiting], key[waiting]) = (en[i], ep[i], ekey[i]);
            waiting++;
        }
        return waiting;
    }

    private readonly double[] _uniforms = new double[2 * Lanes];

    /// <summary>One lane of <see cref="HatOf"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Spq, double B, double A) Hat(double n, double p)
    {
        var spq = Math.Sqrt(n * p * (1.0 - p));
        var b = 1.15 + 2.53 * spq;
        var a = -0.0873 + 0.0248 * b + 0.01 * p;
        return (spq, b, a);
    }

    /// <summary>One lane of <see cref="ExactTest"/>, operation for operation: log(v·hat) and log f(k)/f(m).</summary>
    internal static (double LogV, double LogRatio) ExactTestSidesOneLane(double n, double p, double k, double us, double v)
    {
        var (spq, b, a) = Hat(n, p);
        var q = 1.0 - p;
        var m = Math.Floor((n + 1.0) * p);
        var us2 = us * us;
        var hatNumerator = v * ((2.83 * b + 5.1) * spq * us2);
        var hatDenominator = b * (a + b * us2);
        var m1 = m + 1.0;
        var nm1 = n - m + 1.0;
        var k1 = k + 1.0;
        var nk1 = n - k + 1.0;
        var pnm1 = p * nm1;
        var qk1 = q * k1;
        var mnm = m1 * nm1;
        var knk = k1 * nk1;
        var tails = mnm * knk;
        var hatPnm = hatDenominator * pnm1;
        var reciprocal = 1.0 / (tails * hatPnm * qk1);
        var overTails = hatPnm * qk1 * reciprocal;
        var overOthers = tails * reciprocal;

        var vArgument = hatNumerator * (pnm1 * qk1 * overOthers);
        var modeArgument = m1 * q * (hatDenominator * qk1 * overOthers);
        var kArgument = p * nk1 * (hatPnm * overOthers);
        var nArgument = nm1 / nk1;

        var fV = VectorMath.Fraction(vArgument);
        var fMode = VectorMath.Fraction(modeArgument);
        var fN = VectorMath.Fraction(nArgument);
        var fK = VectorMath.Fraction(kArgument);
        var dV = 2.0 + fV;
        var dMode = 2.0 + fMode;
        var dN = 2.0 + fN;
        var dK = 2.0 + fK;
        var dVMode = dV * dMode;
        var dNK = dN * dK;
        var overD = 1.0 / (dVMode * dNK);
        var overVMode = dNK * overD;
        var overNK = dVMode * overD;
        var logV = VectorMath.LogOfReducedFused(fV, fV * (dMode * overVMode), VectorMath.Exponent(vArgument));
        var stirling = (StirlingTail(m, nm1 * knk * overTails) + StirlingTail(n - m, m1 * knk * overTails))
            - (StirlingTail(k, nk1 * mnm * overTails) + StirlingTail(n - k, k1 * mnm * overTails));
        var logRatio = Math.FusedMultiplyAdd(m + 0.5, VectorMath.LogOfReducedFused(fMode, fMode * (dV * overVMode), VectorMath.Exponent(modeArgument)),
            Math.FusedMultiplyAdd(n + 1.0, VectorMath.LogOfReducedFused(fN, fN * (dK * overNK), VectorMath.Exponent(nArgument)),
            Math.FusedMultiplyAdd(k + 0.5, VectorMath.LogOfReducedFused(fK, fK * (dN * overNK), VectorMath.Exponent(kArgument)), stirling)));
        return (logV, logRatio);
    }

    /// <summary>One lane of the vector StirlingTail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StirlingTail(double x, double inverse)
    {
        if (x < 32.0)
            return Binomial.SmallStirlingTails[(int)x];
        var inverse2 = inverse * inverse;
        return Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(
            inverse2, 1.0 / 1188, -1.0 / 1680), inverse2, 1.0 / 1260), inverse2, -1.0 / 360), inverse2, 1.0 / 12) * inverse;
    }
}
