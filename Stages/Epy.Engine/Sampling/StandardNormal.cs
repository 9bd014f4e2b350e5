using Epy.Engine.Randomness;

namespace Epy.Engine.Sampling;

/// <summary>The standard normal distribution N(0, 1).</summary>
public static class StandardNormal
{
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    /// <summary>φ(x) = e^(−x²/2) / √(2π), the density; 0 for |x| beyond about 38.6.</summary>
    public static double Density(double x) => InverseSqrt2Pi * HalfSquareExp(Math.Abs(x));

    /// <summary>
    /// Φ(x), the cumulative distribution function, through Cody's erfc (<see cref="ErrorFunction"/>).
    /// Accurate to a few units in the last place in relative terms in both tails, where it is
    /// computed as a tail probability and never as 1 minus something (Φ(−10) ≈ 7.6e-24 keeps all
    /// its digits); 1 − Φ(x) should be taken as Φ(−x). 0 below about −37.6.
    /// </summary>
    public static double Cdf(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        var y = Math.Abs(x) * InverseSqrt2;
        if (y <= ErrorFunction.SmallRange)
            return 0.5 + 0.5 * ErrorFunction.ErfSmall(x * InverseSqrt2);

        // The tail Q(|x|) = erfc(|x|/√2)/2, with the Gaussian factor taken from x itself: the rounding
        // of x/√2 would otherwise cost a relative error of x²·ε (1e-14 at x = 10).
        var tail = y >= 26.6 ? 0.0 : 0.5 * ErrorFunction.ScaledErfc(y) * HalfSquareExp(Math.Abs(x));
        return x < 0 ? tail : 1.0 - tail;
    }

    /// <summary>e^(−t²/2) for t ≥ 0, with t split as h + d (h a multiple of 1/16, h² exact) so that t² is never rounded.</summary>
    private static double HalfSquareExp(double t)
    {
        if (!(t < 40.0))
            return double.IsNaN(t) ? double.NaN : 0.0; // e^(−800) underflows anyway; this keeps ∞ − ∞ out
        var head = Math.Truncate(t * 16.0) / 16.0;
        var rest = (t - head) * (t + head);
        return PortableMath.Exp(-0.5 * head * head) * PortableMath.Exp(-0.5 * rest);
    }

    /// <summary>
    /// Φ⁻¹(p), the standard normal quantile, by Wichura's algorithm AS241 (PPND16, Applied Statistics
    /// 37(3), 1988): rational approximations on three ranges, accurate to about 1e-16 relative,
    /// down to the smallest positive double. Φ⁻¹(0) = −∞ and Φ⁻¹(1) = +∞. The logarithm is
    /// <see cref="PortableMath.Log"/>, so the result is the same bits on every machine.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is outside [0, 1] or NaN.</exception>
    public static double InverseCdf(double p)
    {
        if (!(p >= 0.0 && p <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability must be in [0, 1]");
        if (p == 0.0)
            return double.NegativeInfinity;
        if (p == 1.0)
            return double.PositiveInfinity;

        var q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            var r = 0.180625 - q * q;
            return q * Central(r);
        }

        // The tail probability, taken from the side where it is exact (p itself below one half).
        var tail = q < 0.0 ? p : 1.0 - p;
        var s = Math.Sqrt(-PortableMath.Log(tail));
        var value = s <= 5.0 ? Intermediate(s - 1.6) : Far(s - 5.0);
        return q < 0.0 ? -value : value;
    }

    private static double Central(double r) =>
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r
            + 4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
            + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
        / (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r
            + 2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
            + 4.2313330701600911252e1) * r + 1.0);

    private static double Intermediate(double r) =>
        (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r
            + 1.27045825245236838258e0) * r + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
            + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
        / (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r
            + 1.48103976427480074590e-1) * r + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
            + 2.05319162663775882187e0) * r + 1.0);

    private static double Far(double r) =>
        (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r
            + 2.65321895265761230930e-2) * r + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
            + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
        / (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r
            + 7.86869131145613259100e-4) * r + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
            + 5.99832206555887937690e-1) * r + 1.0);
}
