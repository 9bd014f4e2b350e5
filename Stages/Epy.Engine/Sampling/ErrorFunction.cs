using Epy.Engine.Randomness;

namespace Epy.Engine.Sampling;

/// <summary>
/// The complementary error function by W. J. Cody's rational Chebyshev approximations ("Rational
/// Chebyshev approximations for the error function", Math. Comp. 23, 1969; netlib specfun CALERF),
/// about 1e-15 relative on each of the three ranges. The Gaussian factor goes through
/// <see cref="PortableMath.Exp"/>, so results are the same bits on every machine.
/// </summary>
public static class ErrorFunction
{
    /// <summary>Below this |x|, erf is approximated directly and erfc = 1 − erf.</summary>
    internal const double SmallRange = 0.46875;

    /// <summary>Cody's XBIG: from here on erfc(x) is below the smallest normal double, and taken as 0.</summary>
    private const double Underflow = 26.543;

    private const double InverseSqrtPi = 5.6418958354775628695e-1;

    /// <summary>erfc(x) = 1 − erf(x), in [0, 2]; about 1e-15 relative even far into the right tail (0 from x ≈ 26.5 on).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
            return double.NaN;
        var y = Math.Abs(x);
        if (y <= SmallRange)
            return 1.0 - ErfSmall(x);
        var tail = y >= Underflow ? 0.0 : ScaledErfc(y) * ExpMinusSquare(y);
        return x < 0 ? 2.0 - tail : tail;
    }

    /// <summary>erf(x) for |x| ≤ <see cref="SmallRange"/>: x · P(x²) / Q(x²).</summary>
    internal static double ErfSmall(double x)
    {
        var t = x * x;
        var numerator = (((1.85777706184603153e-1 * t + 3.16112374387056560e0) * t + 1.13864154151050156e2) * t
            + 3.77485237685302021e2) * t + 3.20937758913846947e3;
        var denominator = (((t + 2.36012909523441209e1) * t + 2.44024637934444173e2) * t
            + 1.28261652607737228e3) * t + 2.84423683343917062e3;
        return x * numerator / denominator;
    }

    /// <summary>
    /// erfc(y) · e^(y²) for y &gt; <see cref="SmallRange"/>: a slowly varying ratio (about 1/(y√π)), so an
    /// error in y costs no more than the same relative error here.
    /// </summary>
    internal static double ScaledErfc(double y)
    {
        if (y <= 4.0)
        {
            var numerator = (((((((2.15311535474403846e-8 * y + 5.64188496988670089e-1) * y + 8.88314979438837594e0) * y
                + 6.61191906371416295e1) * y + 2.98635138197400131e2) * y + 8.81952221241769090e2) * y
                + 1.71204761263407058e3) * y + 2.05107837782607147e3) * y + 1.23033935479799725e3;
            var denominator = (((((((y + 1.57449261107098347e1) * y + 1.17693950891312499e2) * y
                + 5.37181101862009858e2) * y + 1.62138957456669019e3) * y + 3.29079923573345963e3) * y
                + 4.36261909014324716e3) * y + 3.43936767414372164e3) * y + 1.23033935480374942e3;
            return numerator / denominator;
        }

        // Asymptotic range: (1/√π − z·P(z)/Q(z)) / y with z = 1/y².
        var z = 1.0 / (y * y);
        var p = ((((1.63153871373020978e-2 * z + 3.05326634961232344e-1) * z + 3.60344899949804439e-1) * z
            + 1.25781726111229246e-1) * z + 1.60837851487422766e-2) * z + 6.58749161529837803e-4;
        var q = ((((z + 2.56852019228982242e0) * z + 1.87295284992346047e0) * z + 5.27905102951428412e-1) * z
            + 6.05183413124413191e-2) * z + 2.33520497626869185e-3;
        return (InverseSqrtPi - z * p / q) / y;
    }

    /// <summary>
    /// e^(−y²) without the rounding of y² itself: y is split as h + d with h a multiple of 1/16, whose
    /// square is exact, and e^(−h²) · e^(−d(2h + d)) multiplied (Cody's device).
    /// </summary>
    private static double ExpMinusSquare(double y)
    {
        var head = Math.Truncate(y * 16.0) / 16.0;
        var rest = (y - head) * (y + head);
        return PortableMath.Exp(-head * head) * PortableMath.Exp(-rest);
    }
}
