using Epy.Engine.Model;
using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

/// <summary>
/// A simulator of several replicas runs that many simulations of one model together: each must be a
/// simulation of the model on its own state (its people, its force of infection, its hazards, its
/// doses), however its neighbours in the group fare.
/// </summary>
[Collection(ReferenceModelsGroup.Name)]
public sealed class SimulatorReplicasTests(ReferenceFixture reference)
{
    [Fact]
    public void Run_EveryReplica_ConservesItsPopulation_AndItsFlowsExplainItsState()
    {
        var model = reference.Flu;
        var outputs = Outputs(model, 4);
        new Simulator(model, 4).Run(7, outputs);

        var layout = model.Layout;
        var sToL = layout.FlowIndex("S_to_L");
        foreach (var output in outputs)
        {
            for (var t = 0; t < model.Grid.Steps; t++)
            {
                for (var k = 0; k < layout.AgeGroupCount; k++)
                {
                    var sum = Enumerable.Range(0, layout.Compartments.Count).Sum(c => (long)output.Compartment(t, c, k));
                    sum.ShouldBe(reference.Massachusetts.Sizes[k], $"step {t}, age group {k}");
                    if (t > 0)
                        (output.Compartment(t - 1, 0, k) - output.Compartment(t, 0, k)).ShouldBe(output.Flow(t, sToL, k));
                }
            }
        }
        outputs[0].Series("S_to_L_total").Sum().ShouldBeGreaterThan(100_000, "an epidemic, not an empty run");
    }

    [Fact]
    public void Run_SameSeed_SameGroup_AndTheReplicasDiffer()
    {
        var model = reference.Flu;
        var a = Outputs(model, 3);
        var b = Outputs(model, 3);
        new Simulator(model, 3).Run(42, a);
        new Simulator(model, 3).Run(42, b);

        for (var r = 0; r < 3; r++)
        {
            b[r].FlowCounts.ShouldBe(a[r].FlowCounts);
            b[r].CompartmentCounts.ShouldBe(a[r].CompartmentCounts);
        }
        a[0].FlowCounts.SequenceEqual(a[1].FlowCounts).ShouldBeFalse();
        a[1].FlowCounts.SequenceEqual(a[2].FlowCounts).ShouldBeFalse();
    }

    [Fact]
    public void Run_LaneByLaneSampler_GivesTheSameReplicas()
    {
        var model = reference.Flu;
        var vector = Outputs(model, 3);
        var lanes = Outputs(model, 3);
        new Simulator(model, vectorised: true, replicas: 3).Run(2024, vector);
        new Simulator(model, vectorised: false, replicas: 3).Run(2024, lanes);

        for (var r = 0; r < 3; r++)
        {
            lanes[r].FlowCounts.ShouldBe(vector[r].FlowCounts);
            lanes[r].CompartmentCounts.ShouldBe(vector[r].CompartmentCounts);
        }
    }

    [Fact]
    public void Run_InfectionsOfAReplica_ComeOnlyFromItsOwnInfected()
    {
        // Three infected in the youngest group, R0 near 1.5: in some replicas the epidemic dies out while
        // it grows in others. S also leaves by a spontaneous channel, so its exits are split by the
        // replica's own hazards. A replica without infected at a step's start has no infections in it.
        var definition = new ModelDefinition
        {
            Compartments = ["S", "I", "R", "V"],
            Parameters = [Parameter.Scalar("beta", 0.05), Parameter.Scalar("gamma", 0.5), Parameter.Scalar("nu", 0.001)],
            Transitions = [Transition.Mediated("S", "I", "I", "beta"), Transition.Spontaneous("S", "V", "nu"), Transition.Spontaneous("I", "R", "gamma")],
        };
        var model = TestModels.Compile(definition, TestModels.ThreeGroups(), 120, b => b.Counts("I", [3, 0, 0]).Rest("S"));
        var layout = model.Layout;
        var (i, sToI, sToV) = (layout.Compartments.ToList().IndexOf("I"), layout.FlowIndex("S_to_I"), layout.FlowIndex("S_to_V"));
        var simulator = new Simulator(model, 8);
        var outputs = Outputs(model, 8);
        int extinctSteps = 0, mixedSteps = 0;
        for (ulong seed = 0; seed < 6; seed++)
        {
            simulator.Run(seed, outputs);
            for (var t = 1; t < model.Grid.Steps; t++)
            {
                var infected = outputs.Select(o => Enumerable.Range(0, 3).Sum(k => o.Compartment(t - 1, i, k))).ToArray();
                for (var r = 0; r < outputs.Length; r++)
                {
                    if (infected[r] > 0)
                        continue;
                    extinctSteps++;
                    Enumerable.Range(0, 3).Sum(k => outputs[r].Flow(t, sToI, k)).ShouldBe(0, $"seed {seed}, replica {r}, step {t}");
                }
                if (infected.Any(n => n == 0) && infected.Any(n => n > 100))
                    mixedSteps++;
            }
            outputs.Sum(o => o.Series("S_to_V_total").Sum()).ShouldBeGreaterThan(0);
        }
        extinctSteps.ShouldBeGreaterThan(100, "replicas whose epidemic died out");
        mixedSteps.ShouldBeGreaterThan(100, $"{extinctSteps} extinct; steps where one replica's epidemic grows while another's is over");
    }

    [Fact]
    public void Run_Vaccination_EveryReplicaGivesItsDosesOverItsOwnEligible()
    {
        // 30 doses a day over S alone: whatever S is, about 30 leave it by vaccination each day. A
        // replica whose epidemic took off has a much smaller S than one whose epidemic died out.
        var definition = new ModelDefinition
        {
            Compartments = ["S", "I", "R", "V"],
            Parameters = [Parameter.Scalar("beta", 0.9), Parameter.Scalar("gamma", 0.5), Parameter.Scalar("doses", 30)],
            Transitions = [Transition.Mediated("S", "I", "I", "beta"), Transition.Spontaneous("I", "R", "gamma"), Transition.Vaccination("S", "V", "doses", ["S"])],
        };
        const int days = 60;
        var model = TestModels.Compile(definition, TestModels.OneGroup(20_000), days, b => b.Counts("I", [1]).Rest("S"));
        var simulator = new Simulator(model, 8);
        var outputs = Outputs(model, 8);
        var spread = 0.0;
        for (ulong seed = 0; seed < 4; seed++)
        {
            simulator.Run(seed, outputs);
            foreach (var output in outputs)
                output.Series("S_to_V_total").Sum().ShouldBe(30.0 * days, 6 * Math.Sqrt(30.0 * days));
            var susceptible = outputs.Select(o => o.Series("S_total")[days - 1]).ToArray();
            spread = Math.Max(spread, susceptible.Max() / susceptible.Min());
        }
        spread.ShouldBeGreaterThan(2, "replicas whose S differ: the doses of each must follow its own");
    }

    [Fact]
    public void Replicas_AreDistributedAsSimulationsRunAlone()
    {
        // 400 runs one at a time against 400 made as 50 groups of eight: the season's infections, its
        // admissions and the week admissions peak must agree (two-sample Kolmogorov–Smirnov at 0.1%).
        const int runs = 400;
        var model = reference.Flu;
        var aggregator = new WeeklyAggregator(model.Layout);
        var alone = new Simulator(model);
        var output = new SimulationOutput(model.Layout);
        var single = new List<double[]>();
        for (var seed = 0; seed < runs; seed++)
        {
            alone.Run((ulong)seed, output);
            single.Add(Figures(aggregator, output));
        }
        var group = new Simulator(model, 8);
        var outputs = Outputs(model, 8);
        var together = new List<double[]>();
        for (var seed = 0; seed < runs / 8; seed++)
        {
            group.Run((ulong)(1_000_000 + seed), outputs);
            together.AddRange(outputs.Select(o => Figures(aggregator, o)));
        }

        var critical = 1.95 * Math.Sqrt(2.0 / runs);
        string[] names = ["season infections", "season admissions", "peak week of admissions"];
        for (var f = 0; f < names.Length; f++)
        {
            var d = KolmogorovSmirnov([.. single.Select(x => x[f])], [.. together.Select(x => x[f])]);
            d.ShouldBeLessThan(critical, $"{names[f]}: D = {d:F3}");
        }
    }

    private static double[] Figures(WeeklyAggregator aggregator, SimulationOutput output)
    {
        var admissions = aggregator.Aggregate(output).Series("Home_sev_to_Hosp_total");
        return [output.Series("S_to_L_total").Sum(), admissions.Sum(), Array.IndexOf(admissions, admissions.Max())];
    }

    /// <summary>The two-sample Kolmogorov–Smirnov statistic: the largest gap between the empirical CDFs.</summary>
    private static double KolmogorovSmirnov(double[] a, double[] b)
    {
        Array.Sort(a);
        Array.Sort(b);
        double d = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] <= x)
                i++;
            while (j < b.Length && b[j] <= x)
                j++;
            d = Math.Max(d, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return d;
    }

    [Fact]
    public void Run_OneOutputPerReplica_AndOneReplicaRunsTakeOneOutput()
    {
        var model = reference.Flu;
        Should.Throw<ArgumentException>(() => new Simulator(model, 4).Run(1, Outputs(model, 3))).Message.ShouldContain("3 outputs for 4 replicas");
        Should.Throw<InvalidOperationException>(() => new Simulator(model, 2).Run(1)).Message.ShouldContain("2 replicas");
        Should.Throw<ArgumentOutOfRangeException>(() => new Simulator(model, 0));
    }

    private static SimulationOutput[] Outputs(CompiledModel model, int replicas) =>
        [.. Enumerable.Range(0, replicas).Select(_ => new SimulationOutput(model.Layout))];
}
