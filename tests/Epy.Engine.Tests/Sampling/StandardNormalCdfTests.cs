using CsCheck;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Sampling;

public class StandardNormalCdfTests
{
    // References from mpmath at 600 digits, rounded to 17 significant digits.
    [Theory]
    [InlineData(-1.0, 0.15865525393145705)]
    [InlineData(2.0, 0.97724986805182079)]
    [InlineData(-10.0, 7.6198530241605261e-24)]
    [InlineData(-37.0, 5.7255712225245768e-300)]
    [InlineData(0.0, 0.5)]
    [InlineData(0.3, 0.61791142218895263)]
    [InlineData(-0.5, 0.3085375387259869)]
    [InlineData(0.6, 0.72574688224992641)]
    [InlineData(-0.7, 0.24196365222307303)]
    [InlineData(1.5, 0.93319279873114193)]
    [InlineData(-3.0, 0.0013498980316300945)]
    [InlineData(5.0, 0.99999971334842812)]
    [InlineData(-5.0, 2.8665157187919391e-7)]
    [InlineData(-20.0, 2.7536241186062337e-89)]
    [InlineData(-30.0, 4.9067139271481871e-198)]
    public void Cdf_KnownValues_AreAccurateTo1e15Relative(double x, double expected) =>
        Math.Abs(StandardNormal.Cdf(x) - expected).ShouldBeLessThanOrEqualTo(1e-15 * expected);

    [Fact]
    public void Cdf_Extremes_AreZeroOneAndNaN()
    {
        StandardNormal.Cdf(double.NegativeInfinity).ShouldBe(0.0);
        StandardNormal.Cdf(-40.0).ShouldBe(0.0);
        StandardNormal.Cdf(double.PositiveInfinity).ShouldBe(1.0);
        StandardNormal.Cdf(9.0).ShouldBe(1.0);
        double.IsNaN(StandardNormal.Cdf(double.NaN)).ShouldBeTrue();
    }

    [Fact]
    public void Cdf_IsSymmetric()
    {
        Gen.Double[-8.0, 8.0].Sample(x =>
            (StandardNormal.Cdf(x) + StandardNormal.Cdf(-x)).ShouldBe(1.0, 2e-16));
    }

    [Fact]
    public void Cdf_IsMonotoneWithinRounding()
    {
        Gen.Select(Gen.Double[-38.0, 9.0], Gen.Double[-38.0, 9.0]).Sample((a, b) =>
        {
            var (low, high) = a <= b ? (a, b) : (b, a);
            StandardNormal.Cdf(high).ShouldBeGreaterThanOrEqualTo(StandardNormal.Cdf(low) * (1 - 1e-15));
        });
    }

    [Fact]
    public void Cdf_InvertsInverseCdf()
    {
        // Above 3, Φ(x) is so close to 1 that its rounding, not the functions, would dominate.
        Gen.Double[-30.0, 3.0].Sample(x =>
            StandardNormal.InverseCdf(StandardNormal.Cdf(x)).ShouldBe(x, 1e-13 * Math.Max(1.0, Math.Abs(x))));
    }

    [Theory]
    [InlineData(0.0, 0.3989422804014327)]
    [InlineData(1.0, 0.24197072451914335)]
    [InlineData(-2.5, 0.017528300493568537)]
    [InlineData(10.0, 7.6945986267064193e-23)]
    public void Density_KnownValues_AreAccurateTo1e15Relative(double x, double expected) =>
        Math.Abs(StandardNormal.Density(x) - expected).ShouldBeLessThanOrEqualTo(1e-15 * expected);

    [Fact]
    public void Density_FarOut_IsZero()
    {
        StandardNormal.Density(double.PositiveInfinity).ShouldBe(0.0);
        StandardNormal.Density(-45.0).ShouldBe(0.0);
    }

    [Theory]
    [InlineData(0.1, 0.8875370839817151)]
    [InlineData(0.46875, 0.50738652678206201)]
    [InlineData(0.5, 0.47950012218695346)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(3.0, 2.2090496998585441e-5)]
    [InlineData(4.0, 1.5417257900280019e-8)]
    [InlineData(4.5, 1.9661604415428875e-10)]
    [InlineData(5.0, 1.5374597944280349e-12)]
    [InlineData(10.0, 2.0884875837625448e-45)]
    [InlineData(26.0, 5.6631924088561428e-296)]
    [InlineData(-0.3, 1.3286267594591274)]
    [InlineData(-2.0, 1.9953222650189527)]
    [InlineData(-6.0, 2.0)]
    public void Erfc_KnownValues_AreAccurateTo1e15Relative(double x, double expected) =>
        Math.Abs(ErrorFunction.Erfc(x) - expected).ShouldBeLessThanOrEqualTo(1e-15 * expected);
}
