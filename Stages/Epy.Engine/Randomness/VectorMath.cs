using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Epy.Engine.Randomness;

/// <summary>
/// exp and log on eight doubles at once, from IEEE-754 additions, multiplications and one division
/// only, like <see cref="PortableMath"/>: the same bits on every machine, whether
/// <see cref="Vector512{T}"/> runs on AVX-512 or on the runtime's exact fallback.
/// </summary>
internal static class VectorMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700e+00;

    /// <summary>
    /// ln x, lane by lane, for positive normal finite x; bit for bit <see cref="PortableMath.Log"/>
    /// (the same operations in the same order, without its special cases).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x)
    {
        var f = Fraction(x);
        return LogOfReduced(f, f / (Vector512.Create(2.0) + f), Exponent(x));
    }

    /// <summary>x = 2^e·(1 + f) with 1 + f in [√½, √2): the f of <see cref="Log"/>'s reduction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Fraction(Vector512<double> x)
    {
        var m = (x.AsInt64() & Vector512.Create(0x000F_FFFF_FFFF_FFFFL) | Vector512.Create(0x3FF0_0000_0000_0000L)).AsDouble();
        return Vector512.ConditionalSelect(Vector512.GreaterThan(m, Vector512.Create(1.4142135623730951)), m * 0.5, m) - Vector512<double>.One;
    }

    /// <summary>x = 2^e·(1 + f) with 1 + f in [√½, √2): the e of <see cref="Log"/>'s reduction, as a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exponent(Vector512<double> x)
    {
        var bits = x.AsInt64();
        var exponent = Vector512.ConvertToDouble((bits >>> 52) - Vector512.Create(1023L));
        var m = (bits & Vector512.Create(0x000F_FFFF_FFFF_FFFFL) | Vector512.Create(0x3FF0_0000_0000_0000L)).AsDouble();
        return Vector512.ConditionalSelect(Vector512.GreaterThan(m, Vector512.Create(1.4142135623730951)), exponent + Vector512<double>.One, exponent);
    }

    /// <summary>
    /// ln(2^e·(1 + f)) from the reduction and s = f/(2 + f), for callers that share one division
    /// among several logarithms (fdlibm's e_log.c evaluation).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogOfReduced(Vector512<double> f, Vector512<double> s, Vector512<double> exponent)
    {
        var hfsq = Vector512.Create(0.5) * f * f;
        var z = s * s;
        var w = z * z;
        var even = w * (Vector512.Create(Lg2) + w * (Vector512.Create(Lg4) + w * Lg6));
        var odd = z * (Vector512.Create(Lg1) + w * (Vector512.Create(Lg3) + w * (Vector512.Create(Lg5) + w * Lg7)));
        var r = odd + even;
        return exponent * Ln2Hi - ((hfsq - (s * (hfsq + r) + exponent * Ln2Lo)) - f);
    }

    /// <summary>
    /// <see cref="LogOfReduced(Vector512{double}, Vector512{double}, Vector512{double})"/> with its
    /// polynomials and last step as fused multiply-adds: a shorter chain of dependent operations
    /// and not less exact, but not <see cref="PortableMath.Log"/>'s bits. For BTRS's exact test,
    /// whose lane-by-lane twin is <see cref="LogOfReducedFused(double, double, double)"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LogOfReducedFused(Vector512<double> f, Vector512<double> s, Vector512<double> exponent)
    {
        var hfsq = Vector512.Create(0.5) * f * f;
        var z = s * s;
        var w = z * z;
        var even = w * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg6), Vector512.Create(Lg4)), Vector512.Create(Lg2));
        var odd = z * Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.FusedMultiplyAdd(w, Vector512.Create(Lg7), Vector512.Create(Lg5)), Vector512.Create(Lg3)), Vector512.Create(Lg1));
        var r = odd + even;
        return Vector512.FusedMultiplyAdd(exponent, Vector512.Create(Ln2Hi), f - (hfsq - Vector512.FusedMultiplyAdd(s, hfsq + r, exponent * Ln2Lo)));
    }

    // fdlibm's minimax coefficients, as in PortableMath.Log.
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>
    /// e^x, lane by lane, within about one unit in the last place for −708 ≤ x ≤ 709 (inputs
    /// outside are clamped to that range). No table: x = k·ln2 + r with |r| ≤ ln2/2 and e^r by its
    /// Taylor series to r¹³/13!, whose remainder is below 2⁻⁵⁷.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-708.0)), Vector512.Create(709.0));
        var k = Vector512.Round(x * InverseLn2);
        var r = (x - k * Ln2Hi) - k * Ln2Lo;

        // e^r − 1 in Estrin's order: pairs of terms first, so the chain of dependent operations stays short.
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var low = r + r2 * (Vector512.Create(1.0 / 2) + r * (1.0 / 6))
            + r4 * ((Vector512.Create(1.0 / 24) + r * (1.0 / 120)) + r2 * (Vector512.Create(1.0 / 720) + r * (1.0 / 5040)));
        var high = (Vector512.Create(1.0 / 40320) + r * (1.0 / 362880)) + r2 * (Vector512.Create(1.0 / 3628800) + r * (1.0 / 39916800))
            + r4 * (Vector512.Create(1.0 / 479001600) + r * (1.0 / 6227020800));
        var expm1 = low + r8 * high;

        var scale = ((Vector512.ConvertToInt64(k) + Vector512.Create(1023L)) << 52).AsDouble();
        return (Vector512<double>.One + expm1) * scale;
    }

    // One lane of the functions above, the same operations in the same order, for the batch
    // sampler's lane-by-lane path (machines where 256-bit vectors do not run in hardware).

    /// <summary><see cref="Fraction(Vector512{double})"/> of one lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fraction(double x)
    {
        var m = Mantissa(x);
        return (m > 1.4142135623730951 ? m * 0.5 : m) - 1.0;
    }

    /// <summary><see cref="Exponent(Vector512{double})"/> of one lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exponent(double x)
    {
        var exponent = (double)((BitConverter.DoubleToInt64Bits(x) >>> 52) - 1023L);
        return Mantissa(x) > 1.4142135623730951 ? exponent + 1.0 : exponent;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Mantissa(double x) =>
        BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);

    /// <summary><see cref="LogOfReduced(Vector512{double}, Vector512{double}, Vector512{double})"/> of one lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogOfReduced(double f, double s, double exponent)
    {
        var hfsq = 0.5 * f * f;
        var z = s * s;
        var w = z * z;
        var even = w * (Lg2 + w * (Lg4 + w * Lg6));
        var odd = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        var r = odd + even;
        return exponent * Ln2Hi - ((hfsq - (s * (hfsq + r) + exponent * Ln2Lo)) - f);
    }

    /// <summary><see cref="LogOfReducedFused(Vector512{double}, Vector512{double}, Vector512{double})"/> of one lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double LogOfReducedFused(double f, double s, double exponent)
    {
        var hfsq = 0.5 * f * f;
        var z = s * s;
        var w = z * z;
        var even = w * Math.FusedMultiplyAdd(w, Math.FusedMultiplyAdd(w, Lg6, Lg4), Lg2);
        var odd = z * Math.FusedMultiplyAdd(w, Math.FusedMultiplyAdd(w, Math.FusedMultiplyAdd(w, Lg7, Lg5), Lg3), Lg1);
        var r = odd + even;
        return Math.FusedMultiplyAdd(exponent, Ln2Hi, f - (hfsq - Math.FusedMultiplyAdd(s, hfsq + r, exponent * Ln2Lo)));
    }

    /// <summary><see cref="Exp(Vector512{double})"/> of one lane (not for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        x = Math.Min(Math.Max(x, -708.0), 709.0);
        var k = Math.Round(x * InverseLn2);
        var r = (x - k * Ln2Hi) - k * Ln2Lo;
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var low = r + r2 * (1.0 / 2 + r * (1.0 / 6))
            + r4 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720 + r * (1.0 / 5040)));
        var high = (1.0 / 40320 + r * (1.0 / 362880)) + r2 * (1.0 / 3628800 + r * (1.0 / 39916800))
            + r4 * (1.0 / 479001600 + r * (1.0 / 6227020800));
        var expm1 = low + r8 * high;
        var scale = BitConverter.Int64BitsToDouble(((long)k + 1023L) << 52);
        return (1.0 + expm1) * scale;
    }
}
