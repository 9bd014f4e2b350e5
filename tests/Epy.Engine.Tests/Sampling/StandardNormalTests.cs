using CsCheck;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Sampling;

public class StandardNormalTests
{
    // Reference quantiles (to double precision) from high-precision tables; the accuracy target is 1e-14.
    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.025, -1.959963984540054)]
    [InlineData(0.9, 1.2815515655446004)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.841344746068542948585, 1.0)]
    [InlineData(1e-20, -9.262340089798408)]
    [InlineData(1e-300, -37.0470962993612)]
    public void InverseCdf_KnownValues_AreAccurateTo1e14(double p, double expected)
    {
        var actual = StandardNormal.InverseCdf(p);

        Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(1e-14 * Math.Max(1.0, Math.Abs(expected)));
    }

    [Fact]
    public void InverseCdf_Bounds_AreInfinite()
    {
        StandardNormal.InverseCdf(0.0).ShouldBe(double.NegativeInfinity);
        StandardNormal.InverseCdf(1.0).ShouldBe(double.PositiveInfinity);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void InverseCdf_NotAProbability_Throws(double p) =>
        Should.Throw<ArgumentOutOfRangeException>(() => StandardNormal.InverseCdf(p));

    [Fact]
    public void InverseCdf_IsMonotoneWithinRounding()
    {
        // Where two approximations meet, the result may step back by an ulp; never by more.
        Gen.Select(Gen.Double[0.0, 1.0], Gen.Double[0.0, 1.0]).Sample((a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            var (x, y) = (StandardNormal.InverseCdf(low), StandardNormal.InverseCdf(high));
            if (double.IsFinite(x) && double.IsFinite(y))
                y.ShouldBeGreaterThanOrEqualTo(x - 1e-15 * Math.Max(1.0, Math.Abs(x)));
        });
    }

    [Fact]
    public void InverseCdf_IsOddAroundOneHalf()
    {
        // p and 1 − p are both exact for these dyadic p, so the quantiles must mirror exactly.
        foreach (var p in new[] { 0.5 - 1.0 / 1024, 0.25, 0.0625, 1.0 / 1024, 1.0 / (1 << 20), 1.0 / (1L << 40) })
            StandardNormal.InverseCdf(1.0 - p).ShouldBe(-StandardNormal.InverseCdf(p), 1e-14 * Math.Abs(StandardNormal.InverseCdf(p)));
    }

    [Theory]
    [InlineData(0.075)]            // central ↔ intermediate approximation
    [InlineData(1.3887943864964021e-11)] // exp(−25): intermediate ↔ far tail
    public void InverseCdf_IsContinuousWhereApproximationsMeet(double p)
    {
        var below = StandardNormal.InverseCdf(Math.BitDecrement(p));
        var above = StandardNormal.InverseCdf(Math.BitIncrement(p));

        Math.Abs(above - below).ShouldBeLessThan(1e-13);
    }
}
