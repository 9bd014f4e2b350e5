using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

public class AbcRejectionTests
{
    [Fact]
    public void Rejection_AcceptsTheRequestedParticlesBelowEpsilon()
    {
        var probe = new ProbeModel(new NormalMeanModel(1.5), [Toy.MeanPrior]);

        var result = Toy.Run(new RejectionOptions { NumParticles = 200, Epsilon = 0.25, Threads = 1 }, probe);

        result.Strategy.ShouldBe(AbcStrategy.Rejection);
        result.StopReason.ShouldBe(CalibrationStopReason.Completed);
        var generation = result.Generations.ShouldHaveSingleItem();
        generation.Count.ShouldBe(200);
        generation.Epsilon.ShouldBe(0.25);
        generation.Distances.ShouldAllBe(d => d < 0.25);
        generation.Weights.ShouldAllBe(w => w == 1.0 / 200);
        generation.Simulations.ShouldBe(probe.Simulations);
        generation.AcceptanceRate.ShouldBe(200.0 / generation.Simulations);
        Toy.WeightedMean(generation.Column(0), generation.Weights).ShouldBe(1.5, 0.3);
    }

    [Fact]
    public void Rejection_Particles_AreTheFirstAcceptedDrawsInOrder()
    {
        var probe = new ProbeModel(new NormalMeanModel(1.5), [Toy.MeanPrior]);

        var result = Toy.Run(new RejectionOptions { NumParticles = 50, Epsilon = 0.5, Threads = 1 }, probe);

        // Sequentially, the last simulation is the 50th acceptance: nothing is simulated beyond it.
        var generation = result.Generations[0];
        probe.Simulations.ShouldBe(generation.Simulations);
        probe.Seen.Count(s => s.Distance < 0.5).ShouldBe(50);
    }
}
