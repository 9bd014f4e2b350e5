using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Sampling;

public class DistributionTests
{
    private const string Field = "sampling.parameters.Rt.distribution";

    [Fact]
    public void Uniform_Quantile_IsLinearFromLowToHigh()
    {
        var uniform = new Uniform(2.0, 6.0);

        uniform.Quantile(0.0).ShouldBe(2.0);
        uniform.Quantile(0.25).ShouldBe(3.0);
        uniform.Quantile(1.0).ShouldBe(6.0);
    }

    [Fact]
    public void RandInt_Quantile_SplitsTheUnitIntervalEvenlyAndExcludesHigh()
    {
        var randint = new RandInt(0, 30);

        randint.Quantile(0.0).ShouldBe(0.0);
        randint.Quantile(1.0 / 30 - 1e-12).ShouldBe(0.0);
        randint.Quantile(1.0 / 30 + 1e-12).ShouldBe(1.0);
        randint.Quantile(Math.BitDecrement(1.0)).ShouldBe(29.0);
        randint.Quantile(1.0).ShouldBe(29.0);
        randint.IsInteger.ShouldBeTrue();
        randint.Count.ShouldBe(30);
    }

    [Fact]
    public void Normal_Quantile_ScalesTheStandardQuantile()
    {
        var normal = new Normal(10.0, 2.0);

        normal.Quantile(0.5).ShouldBe(10.0);
        normal.Quantile(0.975).ShouldBe(10.0 + 2.0 * 1.959963984540054, 1e-13);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Quantile_NotAProbability_Throws(double u)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new Uniform(0, 1).Quantile(u));
        Should.Throw<ArgumentOutOfRangeException>(() => new RandInt(0, 3).Quantile(u));
        Should.Throw<ArgumentOutOfRangeException>(() => new Normal(0, 1).Quantile(u));
    }

    public static TheoryData<Distribution, string> Invalid => new()
    {
        { new Uniform(1.0, 1.0), "low (1) must be less than high (1)" },
        { new Uniform(2.0, 1.0), "low (2) must be less than high (1)" },
        { new Uniform(double.NaN, 1.0), "low must be a finite number" },
        { new Uniform(0.0, double.PositiveInfinity), "high must be a finite number" },
        { new Uniform(-double.MaxValue, double.MaxValue), "too wide" },
        { new RandInt(5, 5), "low (5) must be less than high (5)" },
        { new RandInt(0, RandInt.MaxMagnitude + 1), "within ±2^53" },
        { new Normal(0.0, 0.0), "standard deviation must be positive, got 0" },
        { new Normal(0.0, -1.0), "standard deviation must be positive, got -1" },
        { new Normal(double.PositiveInfinity, 1.0), "mean must be a finite number" },
        { new Normal(0.0, double.NaN), "standard deviation must be a finite number" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_Invalid_ThrowsNamingTheField(Distribution distribution, string reason)
    {
        var error = Should.Throw<ModelValidationException>(() => distribution.Validate(Field));

        error.Field.ShouldBe(Field);
        error.Reason.ShouldContain(reason);
        error.Message.ShouldStartWith(Field + ": ");
    }

    [Fact]
    public void Validate_Valid_DoesNotThrow()
    {
        new Uniform(0.0, 2.0).Validate(Field);
        new RandInt(-3, 30).Validate(Field);
        new Normal(-1.0, 0.5).Validate(Field);
    }
}
