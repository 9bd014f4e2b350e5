using Epy.Engine.Calibration;
using Epy.Engine.Randomness;
using Epy.Engine.Sampling;
using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Calibration;

/// <summary>
/// A calibration worker compiles its model once and re-parameterises it per particle; every
/// particle must still get exactly the series of a model compiled for it alone.
/// </summary>
public sealed class ParticleSimulationTests
{
    private static readonly double[][] Particles = [[1.3, 30], [1.6, 0], [1.05, 55], [1.3, 30], [1.9, 60], [1.2, 17]];

    [Fact]
    public void Worker_ReusingOneModel_GivesTheDistancesOfAModelCompiledPerParticle()
    {
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup());
        var worker = model.CreateWorker();
        var observed = model.Setup.Observed.Values.ToArray();

        for (var i = 0; i < Particles.Length; i++)
        {
            var own = model.Setup.Distance(observed, model.Simulate(Particles[i], new Xoshiro256((ulong)i)));
            var shared = worker.Distance(Particles[i], new Xoshiro256((ulong)i), double.PositiveInfinity);
            shared.ShouldBe(own, $"particle {i}");
        }
    }

    [Fact]
    public void Run_ReusingOneModel_MatchesAFreshCompileStepByStep() =>
        AssertEveryParticleMatchesAFreshCompile(SyntheticFlu.Setup(), Particles);

    private static void AssertEveryParticleMatchesAFreshCompile(EpidemicCalibrationSetup setup, double[][] particles)
    {
        var factory = new ParticleFactory(setup);
        var simulation = new ParticleSimulation(factory, setup.Observed.Last);

        foreach (var theta in particles)
        {
            var start = factory.StartDate(theta);
            simulation.Run(theta, new Xoshiro256(11), _ => true).ShouldBeTrue();
            var own = factory.Compile(theta, setup.Observed.Last);
            var fresh = new SimulationOutput(own.Layout);
            new Simulator(own).Run(new Xoshiro256(11), fresh);

            var offset = simulation.Output!.Dates.ToList().IndexOf(start);
            offset.ShouldBeGreaterThanOrEqualTo(0);
            var flowsPerStep = fresh.FlowCounts.Length / own.Grid.Steps;
            var statePerStep = fresh.CompartmentCounts.Length / own.Grid.Steps;
            simulation.Output.FlowCounts.AsSpan(offset * flowsPerStep).ToArray().ShouldBe(fresh.FlowCounts);
            simulation.Output.CompartmentCounts.AsSpan(offset * statePerStep).ToArray().ShouldBe(fresh.CompartmentCounts);
        }
        simulation.Shares.ShouldBeTrue();
    }

    [Fact]
    public void Run_SeasonalMinimumAndInitialValueCalibrated_MatchesAFreshCompileStepByStep()
    {
        var quantities = new List<CalibratedQuantity>(SyntheticFlu.Quantities)
        {
            new(EpidemicCalibrationSetup.SeasonalityMinimum, SampleTarget.Parameter, new UniformPrior(0.5, 0.35)),
            new("L", SampleTarget.InitialProportion, new UniformPrior(0.0001, 0.001)),
        };
        var setup = SyntheticFlu.Setup() with { Quantities = quantities };
        double[][] particles = [[1.3, 30, 0.65, 0.0005], [1.6, 0, 0.5, 0.0002], [1.05, 55, 0.84, 0.001], [1.3, 30, 0.7, 0.0005]];

        AssertEveryParticleMatchesAFreshCompile(setup, particles);
    }

    [Fact]
    public void Run_StartPriorWithoutLowerEnd_CompilesEachParticle()
    {
        var quantities = new List<CalibratedQuantity>(SyntheticFlu.Quantities)
        {
            [1] = new("start_date", SampleTarget.StartDateOffset, new NormalPrior(30, 5)),
        };
        var setup = SyntheticFlu.Setup() with { Quantities = quantities };
        var simulation = new ParticleSimulation(new ParticleFactory(setup), setup.Observed.Last);

        simulation.Run([1.3, 30], new Xoshiro256(1), _ => true).ShouldBeTrue();

        simulation.Shares.ShouldBeFalse();
    }
}
