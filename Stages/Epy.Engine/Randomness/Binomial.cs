using System.Runtime.CompilerServices;

namespace Epy.Engine.Randomness;

/// <summary>
/// Exact binomial and multinomial sampling. Small means use inversion (sequential search from 0,
/// expected cost ≈ n·p); larger ones use BTRS (Hörmann, 1993), an exact rejection method with
/// constant expected cost, as in TensorFlow and JAX. Both are exact: no normal or Poisson
/// approximation is ever used.
/// </summary>
public static class Binomial
{
    /// <summary>Below this mean n·min(p, 1−p) inversion is used; BTRS needs a mean of at least 10.</summary>
    internal const double InversionMeanLimit = 10.0;

    /// <summary>A draw from Binomial(<paramref name="n"/>, <paramref name="p"/>); p outside [0, 1] is clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sample(Xoshiro256 rng, int n, double p)
    {
        if (n <= 0 || !(p > 0.0))
            return 0;
        if (p >= 1.0)
            return n;
        return p <= 0.5 ? SampleAtMostHalf(rng, n, p, double.NaN) : n - SampleAtMostHalf(rng, n, 1.0 - p, double.NaN);
    }

    /// <summary>A draw from Binomial(<paramref name="n"/>, p) with p prepared ahead (its logarithm already taken).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sample(Xoshiro256 rng, int n, in PreparedProbability p)
    {
        if (n <= 0 || !(p.Small > 0.0))
            return p.Flipped && n > 0 ? n : 0;
        var x = SampleAtMostHalf(rng, n, p.Small, p.LogOneMinusSmall);
        return p.Flipped ? n - x : x;
    }

    /// <summary>
    /// A draw from Binomial(n, p) with p given as min(p, 1 − p) and whether p &gt; 1/2; n &gt; 0 and
    /// 0 &lt; small ≤ 1/2; <paramref name="logQ"/> is ln(1 − small) when known, else NaN.
    /// </summary>
    internal static int SampleSmall(Xoshiro256 rng, int n, double small, bool flipped, double logQ = double.NaN)
    {
        var x = SampleAtMostHalf(rng, n, small, logQ);
        return flipped ? n - x : x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SampleAtMostHalf(Xoshiro256 rng, int n, double p, double logQ) =>
        n * p < InversionMeanLimit ? Inversion(rng, n, p, logQ) : Btrs(rng, n, p);

    /// <summary>
    /// Inversion: walk the CDF from 0 with the recurrence f(x) = f(x−1)·(n−x+1)/x·p/q. Since
    /// f(0) = qⁿ ≥ 1 − n·p, a uniform below 1 − n·p is a 0 without computing qⁿ at all (most draws
    /// of a small mean). Should rounding leave u above the whole computed mass, the walk reaches n
    /// and starts again. <paramref name="logQ"/> is ln(1 − p), or NaN to compute it here.
    /// </summary>
    private static int Inversion(Xoshiro256 rng, int n, double p, double logQ)
    {
        var mean = n * p;
        var u = rng.NextDouble();
        if (u <= 1.0 - mean)
            return 0;
        if (double.IsNaN(logQ))
            logQ = PortableMath.Log(1.0 - p);
        var q0 = PortableMath.Exp(n * logQ);
        var odds = p / (1.0 - p);
        var reciprocals = Reciprocals;
        while (true)
        {
            var px = q0;
            var x = 0;
            while (u > px && x < n)
            {
                u -= px;
                x++;
                px *= (n - x + 1) * odds * ((uint)x < (uint)reciprocals.Length ? reciprocals[x] : 1.0 / x);
            }
            if (u <= px)
                return x;
            u = rng.NextDouble();
        }
    }

    /// <summary>1/x for the first steps of an inversion walk: a multiply is cheaper than a division.</summary>
    internal static readonly double[] Reciprocals = [.. Enumerable.Range(0, 1024).Select(x => x == 0 ? 0.0 : 1.0 / x)];

    /// <summary>
    /// BTRS, transformed rejection with squeeze (Hörmann, 1993, "The generation of binomial random
    /// variates", J. Statist. Comput. Simul. 46), for p ≤ 1/2 and n·p ≥ 10. About 86% of draws are
    /// accepted by the squeeze with two uniforms, a square root and a division; the rest are decided
    /// exactly by comparing with log f(k)/f(m), Stirling's series giving the factorials.
    /// </summary>
    private static int Btrs(Xoshiro256 rng, int n, double p)
    {
        var q = 1.0 - p;
        var spq = Math.Sqrt(n * p * q);
        var b = 1.15 + 2.53 * spq;
        var a = -0.0873 + 0.0248 * b + 0.01 * p;
        var c = n * p + 0.5;
        // The squeeze v ≤ v_r with v_r = 0.92 − 4.2/b, multiplied through by b > 0 to spare a division.
        var vrTimesB = 0.92 * b - 4.2;

        // The generator's state lives in registers for the loop and is handed back with the result.
        var state = rng.Borrow();
        int k;
        while (true)
        {
            var u = state.NextDouble() - 0.5;
            var v = state.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var kd = (2.0 * a / us + b) * u + c;
            if (kd < 0 || kd >= n + 1)
                continue;
            k = (int)kd; // kd ≥ 0, so truncation is floor
            if (us >= 0.07 && v * b <= vrTimesB)
                break;
            if (BtrsAcceptsExactly(n, p, q, spq, a, b, k, us, v))
                break;
        }
        rng.Return(state);
        return k;
    }

    /// <summary>
    /// BTRS's exact decision for a candidate <paramref name="k"/> that the squeeze did not accept:
    /// true when v, scaled to the hat at u, lies under f(k)/f(m). Shared by the scalar sampler and
    /// <see cref="BinomialBatch"/>, which runs the squeeze in vector lanes and comes here for the rest.
    /// </summary>
    internal static bool BtrsAcceptsExactly(int n, double p, double q, double spq, double a, double b, int k, double us, double v)
    {
        if (v == 0.0)
            return false;
        var alpha = (2.83 + 5.1 / b) * spq;
        v *= alpha / (a / (us * us) + b);
        var m = (int)((n + 1) * p);
        var distance = Math.Abs(k - m);
        var npq = n * p * q;
        if (distance > 20 && distance < npq / 2 - 1)
        {
            // Far from the mode in a wide distribution: the squeeze of Kachitvichyanukul and
            // Schmeiser (BTPE) bounds log f(k)/f(m) within t ± ρ, so one logarithm decides most cases.
            var logV = PortableMath.Log(v);
            var rho = distance / npq * ((distance * (distance / 3.0 + 0.625) + 0.1666666666666) / npq + 0.5);
            var t = -(double)distance * distance / (2.0 * npq);
            if (logV < t - rho)
                return true;
            if (logV > t + rho)
                return false;
            return logV <= LogPmfRatio(n, p, q, k);
        }
        if (distance <= RecurrenceLimit)
        {
            // Near the mode: f(k)/f(m) by the pmf's recurrence, multiplications instead of logarithms.
            return AcceptByRecurrence(n, p / q, m, k, v);
        }
        return PortableMath.Log(v) <= LogPmfRatio(n, p, q, k);
    }

    /// <summary>Up to this distance from the mode the recurrence is cheaper than Stirling's logarithms.</summary>
    private const int RecurrenceLimit = 30;

    /// <summary>True when v ≤ f(k)/f(m), with f(i)/f(i − 1) = ((n + 1)·r/i − r) and r = p/q.</summary>
    private static bool AcceptByRecurrence(int n, double r, int m, int k, double v)
    {
        // The product of the ratios between the smaller and the larger of k and m, in two
        // interleaved halves so the multiplications do not wait on each other.
        var nr = (n + 1) * r;
        var reciprocals = Reciprocals;
        int from = Math.Min(k, m) + 1, to = Math.Max(k, m);
        double even = 1.0, odd = 1.0;
        var i = from;
        for (; i < to; i += 2)
        {
            even *= nr * Reciprocal(reciprocals, i) - r;
            odd *= nr * Reciprocal(reciprocals, i + 1) - r;
        }
        if (i == to)
            even *= nr * Reciprocal(reciprocals, i) - r;
        var ratio = even * odd;
        return m < k ? v <= ratio : v * ratio <= 1.0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Reciprocal(double[] reciprocals, int i) => (uint)i < (uint)reciprocals.Length ? reciprocals[i] : 1.0 / i;

    /// <summary>
    /// log f(k) − log f(m) for Binomial(n, p) with mode m = floor((n + 1)p), written so the large
    /// terms cancel analytically rather than numerically (Stirling's formula with exact tails).
    /// </summary>
    private static double LogPmfRatio(int n, double p, double q, int k)
    {
        var m = Math.Floor((n + 1) * p);
        var r = p / q;
        double nd = n, kd = k;
        return (m + 0.5) * PortableMath.Log((m + 1) / (r * (nd - m + 1)))
            + (nd + 1) * PortableMath.Log((nd - m + 1) / (nd - kd + 1))
            + (kd + 0.5) * PortableMath.Log(r * (nd - kd + 1) / (kd + 1))
            + StirlingTail(m) + StirlingTail(nd - m) - StirlingTail(kd) - StirlingTail(nd - kd);
    }

    /// <summary>Exact tails for small k, where the series is not yet accurate enough.</summary>
    internal static readonly double[] SmallStirlingTails = MakeSmallStirlingTails(32);

    /// <summary>ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ½·ln 2π], the remainder of Stirling's formula.</summary>
    private static double StirlingTail(double k)
    {
        if (k < SmallStirlingTails.Length)
            return SmallStirlingTails[(int)k];
        var inverse = 1.0 / (k + 1);
        var inverse2 = inverse * inverse;
        return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - inverse2 / 1188) * inverse2) * inverse2) * inverse2) * inverse;
    }

    private static double[] MakeSmallStirlingTails(int count)
    {
        var tails = new double[count];
        var logFactorial = 0.0;
        for (var k = 0; k < count; k++)
        {
            if (k > 0)
                logFactorial += PortableMath.Log(k);
            tails[k] = logFactorial - ((k + 0.5) * PortableMath.Log(k + 1) - (k + 1) + 0.5 * PortableMath.Log(2 * Math.PI));
        }
        return tails;
    }

    /// <summary>
    /// A multinomial draw of <paramref name="n"/> trials over <paramref name="probabilities"/>
    /// (which may sum to less than 1: the rest is the "none" outcome, not returned) into
    /// <paramref name="counts"/>, by sequential conditional binomials.
    /// </summary>
    public static void Multinomial(Xoshiro256 rng, int n, ReadOnlySpan<double> probabilities, Span<int> counts)
    {
        if (counts.Length < probabilities.Length)
            throw new ArgumentException("counts is shorter than probabilities", nameof(counts));
        var remaining = n;
        var remainingMass = 1.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var pi = probabilities[i];
            var draw = remaining > 0 && remainingMass > 0 ? Sample(rng, remaining, pi / remainingMass) : 0;
            counts[i] = draw;
            remaining -= draw;
            remainingMass -= pi;
        }
    }
}
