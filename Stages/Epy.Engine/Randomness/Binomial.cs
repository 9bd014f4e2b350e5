using System.Runtime.CompilerServices;

namespace Epy.Engine.Randomness;

/// <summary>
/// Exact binomial and multinomial sampling. Small means use inversion (sequential search from 0,
/// expected cost ≈ n·p); larger ones use BTPE (Kachitvichyanukul and Schmeiser, 1988, "Binomial
/// random variate generation", CACM 31(2)), an exact rejection method with constant expected cost.
/// Both are exact: no normal or Poisson approximation is ever used.
/// </summary>
public static class Binomial
{
    /// <summary>Below this mean n·min(p, 1−p), inversion is cheaper than BTPE's set-up.</summary>
    internal const double InversionMeanLimit = 16.0;

    /// <summary>A draw from Binomial(<paramref name="n"/>, <paramref name="p"/>); p outside [0, 1] is clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sample(Xoshiro256 rng, int n, double p)
    {
        if (n <= 0 || !(p > 0.0))
            return 0;
        if (p >= 1.0)
            return n;
        return p <= 0.5 ? SampleAtMostHalf(rng, n, p) : n - SampleAtMostHalf(rng, n, 1.0 - p);
    }

    private static int SampleAtMostHalf(Xoshiro256 rng, int n, double p) =>
        n * p < InversionMeanLimit ? Inversion(rng, n, p) : Btpe(rng, n, p);

    /// <summary>
    /// Inversion: walk the CDF from 0 with the recurrence f(x) = f(x−1)·(n−x+1)/x·p/q. The walk is
    /// cut at a bound far in the tail (mean + 10 sd) and restarted, which guards against rounding
    /// leaving u above the computed total mass.
    /// </summary>
    private static int Inversion(Xoshiro256 rng, int n, double p)
    {
        var q = 1.0 - p;
        var q0 = Math.Exp(n * Math.Log(q));
        var odds = p / q;
        var mean = n * p;
        var bound = (int)Math.Min(n, mean + 10.0 * Math.Sqrt(mean * q + 1.0));
        while (true)
        {
            var u = rng.NextDouble();
            var px = q0;
            var x = 0;
            while (u > px)
            {
                u -= px;
                x++;
                if (x > bound)
                    break;
                px *= (n - x + 1) * odds / x;
            }
            if (x <= bound)
                return x;
        }
    }

    /// <summary>BTPE for p ≤ 1/2 and n·p ≥ <see cref="InversionMeanLimit"/>.</summary>
    private static int Btpe(Xoshiro256 rng, int n, double p)
    {
        // Set-up (step 0 of the paper): the mode m, a triangle around it, two parallelograms and
        // two exponential tails that together majorise the scaled binomial pmf.
        var r = p;
        var q = 1.0 - p;
        var nrq = n * r * q;
        var fm = n * r + r;
        var m = (int)fm;
        var p1 = Math.Floor(2.195 * Math.Sqrt(nrq) - 4.6 * q) + 0.5;
        var xm = m + 0.5;
        var xl = xm - p1;
        var xr = xm + p1;
        var c = 0.134 + 20.5 / (15.3 + m);
        var a = (fm - xl) / (fm - xl * r);
        var lambdaLeft = a * (1.0 + 0.5 * a);
        a = (xr - fm) / (xr * q);
        var lambdaRight = a * (1.0 + 0.5 * a);
        var p2 = p1 * (1.0 + 2.0 * c);
        var p3 = p2 + c / lambdaLeft;
        var p4 = p3 + c / lambdaRight;

        while (true)
        {
            var u = rng.NextDouble() * p4;
            var v = rng.NextDouble();
            int y;
            if (u <= p1)
            {
                // Triangle: accepted at once.
                return (int)Math.Floor(xm - p1 * v + u);
            }
            if (u <= p2)
            {
                // Parallelograms.
                var x = xl + (u - p1) / c;
                v = v * c + 1.0 - Math.Abs(m - x + 0.5) / p1;
                if (v > 1.0)
                    continue;
                y = (int)Math.Floor(x);
            }
            else if (u <= p3)
            {
                // Left exponential tail.
                if (v == 0.0)
                    continue;
                var yd = Math.Floor(xl + Math.Log(v) / lambdaLeft);
                if (yd < 0)
                    continue;
                y = (int)yd;
                v *= (u - p2) * lambdaLeft;
            }
            else
            {
                // Right exponential tail.
                if (v == 0.0)
                    continue;
                var yd = Math.Floor(xr - Math.Log(v) / lambdaRight);
                if (yd > n)
                    continue;
                y = (int)yd;
                v *= (u - p3) * lambdaRight;
            }

            var k = Math.Abs(y - m);
            if (k <= 20 || k >= nrq / 2.0 - 1.0)
            {
                // Near the mode (or in a thin distribution): f(y)/f(m) by the pmf's recurrence.
                var s = r / q;
                var aa = s * (n + 1);
                var f = 1.0;
                if (m < y)
                {
                    for (var i = m + 1; i <= y; i++)
                        f *= aa / i - s;
                }
                else
                {
                    for (var i = y + 1; i <= m; i++)
                        f /= aa / i - s;
                }
                if (v <= f)
                    return y;
                continue;
            }

            // Squeeze on log f(y)/f(m) with the bounds of the paper, then the exact test with
            // Stirling's series for the factorials.
            var rho = k / nrq * ((k * (k / 3.0 + 0.625) + 0.1666666666666) / nrq + 0.5);
            var t = -(double)k * k / (2.0 * nrq);
            var logV = Math.Log(v);
            if (logV < t - rho)
                return y;
            if (logV > t + rho)
                continue;

            double x1 = y + 1, f1 = m + 1, z = n + 1 - m, w = n - y + 1;
            var bound = xm * Math.Log(f1 / x1)
                + (n - m + 0.5) * Math.Log(z / w)
                + (y - m) * Math.Log(w * r / (x1 * q))
                + StirlingCorrection(f1) + StirlingCorrection(z) + StirlingCorrection(x1) + StirlingCorrection(w);
            if (logV <= bound)
                return y;
        }
    }

    /// <summary>1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹), the tail of Stirling's series.</summary>
    private static double StirlingCorrection(double x)
    {
        var x2 = x * x;
        return (13860.0 - (462.0 - (132.0 - (99.0 - 140.0 / x2) / x2) / x2) / x2) / x / 166320.0;
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
