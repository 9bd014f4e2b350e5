using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Randomness;

public sealed class PortableMathTests
{
    private static long UlpDistance(double a, double b) =>
        Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    [Fact]
    public void Exp_AgreesWithTheRuntimeWithinOneUlp()
    {
        var rng = new Xoshiro256(3);
        long worst = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var x = (rng.NextDouble() - 0.5) * (i % 2 == 0 ? 40 : 1400);
            worst = Math.Max(worst, UlpDistance(PortableMath.Exp(x), Math.Exp(x)));
        }
        worst.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Log_AgreesWithTheRuntimeWithinOneUlp()
    {
        var rng = new Xoshiro256(4);
        long worst = 0;
        for (var i = 0; i < 1_000_000; i++)
        {
            var x = (i % 3) switch
            {
                0 => rng.NextDouble(),
                1 => 1.0 - rng.NextDouble() * 1e-6,
                _ => Math.Pow(10, (rng.NextDouble() - 0.5) * 600),
            };
            if (x == 0)
                continue;
            worst = Math.Max(worst, UlpDistance(PortableMath.Log(x), Math.Log(x)));
        }
        worst.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void EdgeCases_MatchTheRuntime()
    {
        PortableMath.Exp(0).ShouldBe(1.0);
        PortableMath.Exp(-800).ShouldBe(0.0);
        PortableMath.Exp(710).ShouldBe(double.PositiveInfinity);
        double.IsNaN(PortableMath.Exp(double.NaN)).ShouldBeTrue();
        PortableMath.Exp(-740).ShouldBe(Math.Exp(-740), Math.Exp(-740) * 1e-10);
        PortableMath.Exp(709.7).ShouldBe(Math.Exp(709.7), Math.Exp(709.7) * 1e-15);
        PortableMath.Log(1.0).ShouldBe(0.0);
        PortableMath.Log(0.0).ShouldBe(double.NegativeInfinity);
        double.IsNaN(PortableMath.Log(-1.0)).ShouldBeTrue();
        PortableMath.Log(double.Epsilon).ShouldBe(Math.Log(double.Epsilon), 1e-12);
        PortableMath.Log(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
    }
}
