using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

/// <summary>Supports and densities against scipy.stats (values from mpmath at high precision).</summary>
public class PriorValueTests
{
    [Fact]
    public void Uniform_LocAndScale_SpanLocToLocPlusScale()
    {
        var prior = new UniformPrior(1.0, 1.0);

        (prior.Lower, prior.Upper).ShouldBe((1.0, 2.0));
        prior.Density(1.0).ShouldBe(1.0);
        prior.Density(1.5).ShouldBe(1.0);
        prior.Density(2.0).ShouldBe(1.0);
        prior.Contains(0.999).ShouldBeFalse();
        prior.IsDiscrete.ShouldBeFalse();
        new UniformPrior(0.02, 0.33).Density(0.2).ShouldBe(1 / 0.33);
    }

    [Fact]
    public void RandInt_ExcludesHighAndPutsMassOnIntegersOnly()
    {
        var prior = new RandIntPrior(0, 80);

        (prior.Lower, prior.Upper).ShouldBe((0.0, 79.0));
        prior.IsDiscrete.ShouldBeTrue();
        prior.Count.ShouldBe(80);
        prior.Density(0).ShouldBe(1.0 / 80);
        prior.Density(79).ShouldBe(1.0 / 80);
        prior.Density(80).ShouldBe(0.0);
        prior.Density(3.5).ShouldBe(0.0);
        prior.Contains(79).ShouldBeTrue();
        prior.Contains(80).ShouldBeFalse();
    }

    [Fact]
    public void Normal_IsUnboundedWithTheScaledDensity()
    {
        var prior = new NormalPrior(10.0, 2.5);

        (prior.Lower, prior.Upper).ShouldBe((double.NegativeInfinity, double.PositiveInfinity));
        prior.Density(10.0).ShouldBe(0.3989422804014327 / 2.5, 1e-16);
        prior.Density(12.5).ShouldBe(0.24197072451914335 / 2.5, 1e-16);
        prior.Contains(-1e6).ShouldBeFalse(); // underflows: no density to speak of
        prior.Contains(-50).ShouldBeTrue();
    }

    [Theory]
    [InlineData(0.5, 0.0, 1.0, 1.0, 0.79788456080286536)]
    [InlineData(0.5, 1.0, 2.0, 3.0, 0.39894228040143268)]
    [InlineData(0.5, 0.0, 1.0, 2.0, 0.15261382604754577)]
    [InlineData(1.5, 0.0, 1.0, 0.1, 0.81871591091337883)]
    [InlineData(0.25, 2.0, 7.0, 10.0, 0.17295379928702345)]
    public void LogNormal_Density_MatchesScipy(double s, double loc, double scale, double x, double expected) =>
        new LogNormalPrior(s, loc, scale).Density(x).ShouldBe(expected, 2e-15 * expected);

    [Fact]
    public void LogNormal_SupportExcludesLoc()
    {
        var prior = new LogNormalPrior(0.5, 1.0, 2.0);

        (prior.Lower, prior.Upper).ShouldBe((1.0, double.PositiveInfinity));
        prior.Density(1.0).ShouldBe(0.0);
        prior.Contains(1.0).ShouldBeFalse();
        prior.Contains(1.5).ShouldBeTrue();
        prior.Density(0.5).ShouldBe(0.0);
    }

    [Theory]
    [InlineData(-1.0, 2.0, 0.0, 1.0, 0.0, 0.48735023846953063)]
    [InlineData(3.0, 5.0, 0.0, 1.0, 3.5, 0.64661776563273866)]
    [InlineData(8.0, 9.0, 0.0, 1.0, 8.2, 1.6074998120878324)]
    [InlineData(-1.0, 2.0, 5.0, 3.0, 6.0, 0.15367119091807423)]
    public void TruncatedNormal_Density_MatchesScipy(double a, double b, double loc, double scale, double x, double expected) =>
        new TruncatedNormalPrior(a, b, loc, scale).Density(x).ShouldBe(expected, 2e-15 * expected);

    [Fact]
    public void TruncatedNormal_CutsAreInStandardUnits()
    {
        var prior = new TruncatedNormalPrior(-1.0, 2.0, 5.0, 3.0);

        (prior.Lower, prior.Upper).ShouldBe((2.0, 11.0));
        prior.Mass.ShouldBe(0.8185946141203637, 2e-16);
        prior.Contains(2.0).ShouldBeTrue();
        prior.Contains(11.0).ShouldBeTrue();
        prior.Density(1.99).ShouldBe(0.0);
    }

    [Fact]
    public void TruncatedNormal_FarTail_KeepsItsMass()
    {
        // Φ(31) − Φ(30) is 4.9e-198; as 1 − 1 it would be 0.
        var prior = new TruncatedNormalPrior(30.0, 31.0);

        prior.Mass.ShouldBe(4.9067139271479175e-198, 1e-15 * 4.9e-198);
        prior.Density(30.0).ShouldBe(30.033259667435327, 1e-12); // φ(30)/Q(30), the inverse Mills ratio
    }

    [Fact]
    public void TruncatedNormal_OneSided_IsAHalfNormal()
    {
        var prior = new TruncatedNormalPrior(0.0, double.PositiveInfinity, 1.0, 2.0);

        (prior.Lower, prior.Upper).ShouldBe((1.0, double.PositiveInfinity));
        prior.Density(1.0).ShouldBe(2 * 0.3989422804014327 / 2.0, 1e-16);
    }
}
