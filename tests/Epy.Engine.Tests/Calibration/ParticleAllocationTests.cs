using Epy.Engine.Calibration;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;

namespace Epy.Engine.Tests.Calibration;

/// <summary>
/// A calibration worker re-parameterises its model in place: once it has simulated its first
/// particle, further particles allocate (next to) nothing. Allocation on one thread is
/// deterministic, so the bound is exact, not a timing.
/// </summary>
public sealed class ParticleAllocationTests
{
    /// <summary>Bytes a particle may allocate on average: this test measured 258,772 when every particle re-evaluated its whole model.</summary>
    private const long BytesPerParticle = 256;

    [Fact]
    public void Distance_AfterTheFirstParticle_AllocatesAlmostNothing()
    {
        var quantities = new List<CalibratedQuantity>(SyntheticFlu.Quantities)
        {
            new(EpidemicCalibrationSetup.SeasonalityMinimum, SampleTarget.Parameter, new UniformPrior(0.5, 0.35)),
        };
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup() with { Quantities = quantities });
        var worker = model.CreateWorker();
        var rng = new Xoshiro256(0);
        double[] theta = [1.3, 30, 0.65];
        worker.Distance(theta, rng, double.PositiveInfinity);

        const int particles = 40;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < particles; i++)
        {
            theta[0] = 1.0 + i / 40.0;
            theta[1] = i % 61;
            theta[2] = 0.5 + i / 120.0;
            rng.Reseed((ulong)i);
            // Every other particle with a threshold, which stops it once rejected.
            worker.Distance(theta, rng, i % 2 == 0 ? double.PositiveInfinity : 50.0);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBeLessThan(particles * BytesPerParticle, $"{allocated / particles} bytes per particle");
    }

    [Fact]
    public void Smc_OnOneThread_AllocatesPerGenerationNotPerSimulation()
    {
        // Acceptance of a few percent: many simulations per particle slot, so what a generation
        // allocates once per slot (its arrays) is a few bytes a simulation and a per-simulation
        // allocation (a random generator, 56 bytes) would show.
        var options = Toy.Smc(particles: 100, generations: 4) with { EpsilonSchedule = [1.0, 0.2, 0.05, 0.02] };
        var model = new NormalMeanModel(2.0);
        Toy.Run(options, model);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Toy.Run(options, model);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var simulations = result.Generations.Sum(g => g.Simulations + g.PriorRejections);
        simulations.ShouldBeGreaterThan(2_000);
        allocated.ShouldBeLessThan(simulations * 32, $"{allocated / simulations} bytes per simulation");
    }
}
