using System.Runtime.Intrinsics;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Randomness;

public sealed class VectorMathTests
{
    [Fact]
    public void Log_IsBitForBitPortableMathLog()
    {
        var rng = new Xoshiro256(8);
        Span<double> x = stackalloc double[8];
        for (var i = 0; i < 200_000; i++)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                x[lane] = ((i + lane) % 3) switch
                {
                    0 => rng.NextOpenDouble(),
                    1 => 1.0 - rng.NextDouble() * 1e-6,
                    _ => Math.Pow(10, (rng.NextDouble() - 0.5) * 600),
                };
            }
            var logs = VectorMath.Log(Vector512.Create<double>(x));
            for (var lane = 0; lane < 8; lane++)
                logs.GetElement(lane).ShouldBe(PortableMath.Log(x[lane]));
        }
    }

    [Fact]
    public void FusedLog_AgreesWithTheRuntimeWithinOneUlp_AndItsOneLaneTwinBitForBit()
    {
        // BTRS's exact test takes its logarithms with fused multiply-adds: as exact as the
        // unfused one, and the lane-by-lane path must get the same bits.
        var rng = new Xoshiro256(10);
        Span<double> x = stackalloc double[8];
        long worst = 0;
        for (var i = 0; i < 200_000; i++)
        {
            for (var lane = 0; lane < 8; lane++)
                x[lane] = (i + lane) % 2 == 0 ? rng.NextOpenDouble() * 4 : Math.Pow(10, (rng.NextDouble() - 0.5) * 600);
            var vector = Vector512.Create<double>(x);
            var f = VectorMath.Fraction(vector);
            var logs = VectorMath.LogOfReducedFused(f, f / (Vector512.Create(2.0) + f), VectorMath.Exponent(vector));
            for (var lane = 0; lane < 8; lane++)
            {
                var one = VectorMath.Fraction(x[lane]);
                logs.GetElement(lane).ShouldBe(VectorMath.LogOfReducedFused(one, one / (2.0 + one), VectorMath.Exponent(x[lane])));
                worst = Math.Max(worst, Math.Abs(BitConverter.DoubleToInt64Bits(logs.GetElement(lane)) - BitConverter.DoubleToInt64Bits(Math.Log(x[lane]))));
            }
        }
        worst.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void Exp_AgreesWithTheRuntimeWithinOneUlp()
    {
        var rng = new Xoshiro256(9);
        Span<double> x = stackalloc double[8];
        long worst = 0;
        for (var i = 0; i < 200_000; i++)
        {
            for (var lane = 0; lane < 8; lane++)
                x[lane] = (rng.NextDouble() - 0.5) * (i % 2 == 0 ? 40 : 1400);
            var exps = VectorMath.Exp(Vector512.Create<double>(x));
            for (var lane = 0; lane < 8; lane++)
                worst = Math.Max(worst, Math.Abs(BitConverter.DoubleToInt64Bits(exps.GetElement(lane)) - BitConverter.DoubleToInt64Bits(Math.Exp(x[lane]))));
        }
        worst.ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void OneLaneFunctions_HaveTheVectorBits()
    {
        // The batch sampler's lane-by-lane path relies on these giving exactly the vector's lanes.
        var rng = new Xoshiro256(10);
        Span<double> x = stackalloc double[8];
        Span<double> s = stackalloc double[8];
        for (var i = 0; i < 100_000; i++)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                x[lane] = Math.Pow(10, (rng.NextDouble() - 0.5) * 40);
                s[lane] = (rng.NextDouble() - 0.5) * 1500;
            }
            var vx = Vector512.Create<double>(x);
            var vs = Vector512.Create<double>(s);
            var fraction = VectorMath.Fraction(vx);
            var exponent = VectorMath.Exponent(vx);
            var reduced = VectorMath.LogOfReduced(fraction, fraction / (Vector512.Create(2.0) + fraction), exponent);
            var exp = VectorMath.Exp(vs);
            for (var lane = 0; lane < 8; lane++)
            {
                var f = VectorMath.Fraction(x[lane]);
                f.ShouldBe(fraction.GetElement(lane));
                VectorMath.Exponent(x[lane]).ShouldBe(exponent.GetElement(lane));
                VectorMath.LogOfReduced(f, f / (2.0 + f), VectorMath.Exponent(x[lane])).ShouldBe(reduced.GetElement(lane));
                VectorMath.Exp(s[lane]).ShouldBe(exp.GetElement(lane));
            }
        }
    }
}
