using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

/// <summary>A test-only continuous uniform prior on [Low, High].</summary>
internal sealed record TestUniform(double Low, double High) : Prior
{
    public override double Lower => Low;

    public override double Upper => High;

    public override double Sample(Xoshiro256 rng) => Low + (High - Low) * rng.NextDouble();

    public override double Density(double x) => x >= Low && x <= High ? 1.0 / (High - Low) : 0.0;
}
