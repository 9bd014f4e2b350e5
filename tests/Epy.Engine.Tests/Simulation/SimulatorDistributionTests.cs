using Epy.Engine.Model;
using Epy.Engine.Simulation;
using Epy.Engine.Tests.Randomness;

namespace Epy.Engine.Tests.Simulation;

/// <summary>
/// One step of a small source, repeated over many seeds: every flow must follow its exact marginal
/// law, Binomial(n, p_leave · r_d / H), through the whole simulator (exits and split rounds drawn
/// together in packed vectors, certain outcomes, flipped probabilities).
/// </summary>
public sealed class SimulatorDistributionTests
{
    private const int Seeds = 20_000;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Step_ThreeSpontaneousTargets_FlowsFollowTheirMarginals(int replicas)
    {
        // Exit probability 1 − e^{−1.2} = 0.70 (> 1/2, so drawn flipped), split 3 : 2 : 1 over two rounds.
        var definition = new ModelDefinition
        {
            Compartments = ["L", "A", "B", "C"],
            Parameters = [Parameter.Scalar("a", 0.6), Parameter.Scalar("b", 0.4), Parameter.Scalar("c", 0.2)],
            Transitions = [Transition.Spontaneous("L", "A", "a"), Transition.Spontaneous("L", "B", "b"), Transition.Spontaneous("L", "C", "c")],
        };
        const int n = 40;
        var model = TestModels.Compile(definition, TestModels.OneGroup(n), 1, b => b.Rest("L"));
        var leave = 1 - Math.Exp(-1.2);

        FlowsShouldFollow(model, replicas, n, ("L_to_A_total", leave * 0.6 / 1.2), ("L_to_B_total", leave * 0.4 / 1.2), ("L_to_C_total", leave * 0.2 / 1.2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Step_MediatedAndSpontaneousTargets_FlowsFollowTheirMarginals(int replicas)
    {
        // S has a mediated and a spontaneous channel: its probabilities are computed every step.
        // Force of infection 0.5 · 1 · 960/1000 = 0.48, vaccination-like rate 0.2.
        var definition = new ModelDefinition
        {
            Compartments = ["S", "I", "V"],
            Parameters = [Parameter.Scalar("beta", 0.5), Parameter.Scalar("nu", 0.2)],
            Transitions = [Transition.Mediated("S", "I", "I", "beta"), Transition.Spontaneous("S", "V", "nu")],
        };
        const int n = 40;
        var model = TestModels.Compile(definition, TestModels.OneGroup(1000), 1, b => b.Counts("S", [n]).Rest("I"));
        var leave = 1 - Math.Exp(-0.68);

        FlowsShouldFollow(model, replicas, n, ("S_to_I_total", leave * 0.48 / 0.68), ("S_to_V_total", leave * 0.2 / 0.68));
    }

    /// <summary>The flows of <see cref="Seeds"/> simulations (every replica of a group counting as one) against their laws.</summary>
    private static void FlowsShouldFollow(CompiledModel model, int replicas, int n, params (string Flow, double P)[] flows)
    {
        var simulator = new Simulator(model, replicas);
        var outputs = Enumerable.Range(0, replicas).Select(_ => new SimulationOutput(model.Layout)).ToArray();
        var observed = flows.Select(_ => new Dictionary<int, int>()).ToArray();
        for (var seed = 0; seed < Seeds / replicas; seed++)
        {
            if (replicas == 1)
                simulator.Run((ulong)seed, outputs[0]);
            else
                simulator.Run((ulong)seed, outputs);
            foreach (var output in outputs)
            {
                for (var f = 0; f < flows.Length; f++)
                {
                    var count = (int)output.Series(flows[f].Flow)[0];
                    observed[f][count] = observed[f].GetValueOrDefault(count) + 1;
                }
            }
        }

        for (var f = 0; f < flows.Length; f++)
        {
            var p = flows[f].P;
            var (chi, df) = Statistics.ChiSquare(observed[f], k => Statistics.BinomialPmf(n, p, k), 0, n, Seeds);
            chi.ShouldBeLessThan(Statistics.ChiSquareCritical(df), $"{flows[f].Flow} ~ Binomial({n}, {p:F4}): chi-square {chi:F1} on {df} degrees of freedom");
        }
    }
}
