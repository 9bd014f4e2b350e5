using Epy.Engine.Randomness;

namespace Epy.Engine.Calibration;

/// <summary>
/// Standard normal deviates that are the same bits on every machine: Marsaglia's polar method with
/// <see cref="PortableMath.Log"/> (the C library's log may differ in the last bit between platforms).
/// </summary>
internal static class PortableGaussian
{
    public static double Next(Xoshiro256 rng)
    {
        double u, v, s;
        do
        {
            u = 2.0 * rng.NextDouble() - 1.0;
            v = 2.0 * rng.NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        return u * Math.Sqrt(-2.0 * PortableMath.Log(s) / s);
    }
}
