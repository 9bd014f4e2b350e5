using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

/// <summary>A test-only scipy-style randint prior: the integers Low, ..., High − 1.</summary>
internal sealed record TestRandInt(long Low, long High) : Prior
{
    public override bool IsDiscrete => true;

    public override double Lower => Low;

    public override double Upper => High - 1;

    public override double Sample(Xoshiro256 rng) => Low + rng.NextInt64(High - Low);

    public override double Density(double x) =>
        x == Math.Floor(x) && x >= Low && x < High ? 1.0 / (High - Low) : 0.0;
}
