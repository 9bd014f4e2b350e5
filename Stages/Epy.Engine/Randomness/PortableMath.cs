using System.Runtime.CompilerServices;

namespace Epy.Engine.Randomness;

/// <summary>
/// exp and log built from IEEE-754 additions, multiplications and one division only, so they give
/// the same bits on every machine and runtime (the C library's exp and log differ between glibc,
/// musl and Windows in the last bit, enough to change an accept/reject decision of a sampler and so
/// a whole simulation). Accurate to about one unit in the last place over the sampler's range.
/// </summary>
public static class PortableMath
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double InverseLn2 = 1.44269504088896338700e+00;

    /// <summary>e^x. Underflows to 0 below −745 and overflows to +∞ above 709.78.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x)
    {
        if (!(x > -745.0))
            return double.IsNaN(x) ? double.NaN : 0.0;
        if (x > 709.78)
            return double.PositiveInfinity;

        // x = (64·e + j)·ln2/64 + r with |r| ≤ ln2/128; ln2/64 split in two so the product is exact.
        var k = Math.Round(x * (64 * InverseLn2));
        var r = (x - k * (Ln2Hi / 64)) - k * (Ln2Lo / 64);
        var ki = (int)k;
        var t = PowersOfTwo[ki & 63];

        // e^r − 1 to r^5/120 (error below 2^-57 for |r| ≤ 0.0055), in Estrin's order to keep latency low.
        var r2 = r * r;
        var expm1 = r + r2 * (0.5 + r * (1.0 / 6)) + r2 * r2 * (1.0 / 24 + r * (1.0 / 120));
        return Scale(t + t * expm1, ki >> 6);
    }

    /// <summary>2^(j/64) for j = 0..63, each correctly rounded (computed to 50 digits).</summary>
    private static readonly double[] PowersOfTwo =
    [
        1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284,
        1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199,
        1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418,
        1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812,
        1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687,
        1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783,
        1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303,
        1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112,
        1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647,
        1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384,
        1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267,
        1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364,
        1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062,
        1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989,
        1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656,
        1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951
    ];

    /// <summary>ln x for x &gt; 0; −∞ at 0 and NaN below.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x)
    {
        if (!(x > 0.0) || double.IsPositiveInfinity(x))
        {
            if (x == 0.0)
                return double.NegativeInfinity;
            return x > 0 ? x : double.NaN;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)(bits >> 52) - 1023;
        if (exponent == -1023)
        {
            // Subnormal: scale into the normal range first.
            bits = BitConverter.DoubleToInt64Bits(x * 18014398509481984.0); // 2^54
            exponent = (int)(bits >> 52) - 1023 - 54;
        }

        // m in [1, 2), then folded into [√½, √2) so that f = m − 1 is small.
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m > 1.4142135623730951)
        {
            m *= 0.5;
            exponent++;
        }
        var f = m - 1.0;

        // fdlibm's e_log.c: ln(1 + f) = f − hfsq + s·(hfsq + R(s²)) with s = f/(2 + f), hfsq = f²/2 and
        // R a minimax polynomial (error below 2^-58.45), summed so the large terms come last (< 1 ulp).
        var hfsq = 0.5 * f * f;
        var s = f / (2.0 + f);
        var z = s * s;
        var w = z * z;
        var even = w * (Lg2 + w * (Lg4 + w * Lg6));
        var odd = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
        var r = odd + even;
        return exponent * Ln2Hi - ((hfsq - (s * (hfsq + r) + exponent * Ln2Lo)) - f);
    }

    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    /// <summary>p · 2^k for p in [1, 2] and −1075 &lt; k &lt; 1025, including results that are subnormal.</summary>
    private static double Scale(double p, int k)
    {
        if (k > -1022 && k < 1024)
            return p * BitConverter.Int64BitsToDouble((long)(k + 1023) << 52);
        if (k >= 1024)
            return p * BitConverter.Int64BitsToDouble(2046L << 52) * BitConverter.Int64BitsToDouble((long)k << 52); // 2^1023 · 2^(k−1023)
        // Two steps so neither factor is subnormal until the final, correctly rounded product.
        return p * BitConverter.Int64BitsToDouble((long)(k + 1000 + 1023) << 52) * BitConverter.Int64BitsToDouble((long)(-1000 + 1023) << 52);
    }
}
