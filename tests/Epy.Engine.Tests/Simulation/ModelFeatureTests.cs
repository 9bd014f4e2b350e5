using Epy.Engine.Model;
using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

/// <summary>Interventions, vaccination, initial conditions and the linear option, checked on the mean field.</summary>
public sealed class ModelFeatureTests
{
    [Fact]
    public void SchoolClosure_ScalesOnlyTheSchoolLayer_OnlyOnItsDates()
    {
        var population = TestModels.ThreeGroups();
        var closure = new ContactIntervention("school", TestModels.Start.AddDays(10), TestModels.Start.AddDays(19), 0.25, "school_closure");
        var open = TestModels.Compile(TestModels.Sir(0.05, 0.1), population, 40, b => b.Proportion("I", 0.001).Rest("S"));
        var closed = TestModels.Compile(TestModels.Sir(0.05, 0.1) with { ContactInterventions = [closure] }, population, 40, b => b.Proportion("I", 0.001).Rest("S"));
        var a = MeanFieldSimulator.Run(open).Series("S_to_I_young");
        var b = MeanFieldSimulator.Run(closed).Series("S_to_I_young");

        // Identical before the closure, fewer young infections during it.
        for (var t = 0; t < 10; t++)
            b[t].ShouldBe(a[t], 1e-9);
        b[10].ShouldBeLessThan(a[10] * 0.9);

        // The hazard of step 10 uses 0.25·school + home exactly.
        var openStart = MeanFieldSimulator.Run(open);
        var closedStart = MeanFieldSimulator.Run(closed);
        var s = closedStart.Compartment(9, 0, 0);
        var infectious = Enumerable.Range(0, 3).Select(j => closedStart.Compartment(9, 1, j) / population.Sizes[j]).ToArray();
        var foi = Enumerable.Range(0, 3).Sum(j => (0.25 * population.Layers["school"][0, j] + population.Layers["home"][0, j]) * infectious[j]);
        closedStart.Flow(10, 0, 0).ShouldBe(s * (1 - Math.Exp(-0.05 * foi)), 1e-6);
        openStart.Compartment(0, 0, 0).ShouldBe(closedStart.Compartment(0, 0, 0));
    }

    [Fact]
    public void Vaccination_MeanField_GivesTheDosesEveryDay_WhenOnlySourceIsEligible()
    {
        var definition = new ModelDefinition
        {
            Compartments = ["S", "V"],
            Parameters = [Parameter.Scalar("doses", 1500)],
            Transitions = [Transition.Vaccination("S", "V", "doses", ["S"])],
        };
        var model = TestModels.Compile(definition, TestModels.OneGroup(1_000_000), 30, b => b.Rest("S"));

        var vaccinated = MeanFieldSimulator.Run(model).Series("S_to_V_total");

        vaccinated.ShouldAllBe(v => Math.Abs(v - 1500) < 1e-6);
    }

    [Fact]
    public void Vaccination_DosesAreSharedOverEligibleCompartments()
    {
        // Half the eligible people are already recovered: half the doses reach S.
        var definition = new ModelDefinition
        {
            Compartments = ["S", "R", "V"],
            Parameters = [Parameter.Scalar("doses", 1000)],
            Transitions = [Transition.Vaccination("S", "V", "doses", ["S", "R"])],
        };
        var model = TestModels.Compile(definition, TestModels.OneGroup(1_000_000), 1, b => b.Counts("R", [500_000]).Rest("S"));

        MeanFieldSimulator.Run(model).Series("S_to_V_total")[0].ShouldBe(500, 1e-6);
        var stochastic = new Simulator(model);
        var mean = Enumerable.Range(0, 400).Average(i => stochastic.Run((ulong)i).Series("S_to_V_total")[0]);
        mean.ShouldBe(500, 5);
    }

    [Fact]
    public void LinearApproximation_UsesRateTimesDt()
    {
        var definition = new ModelDefinition
        {
            Compartments = ["A", "B"],
            Parameters = [Parameter.Scalar("k", 0.2)],
            Transitions = [Transition.Spontaneous("A", "B", "k")],
        };
        var exponential = TestModels.Compile(definition, TestModels.OneGroup(1000), 1, b => b.Rest("A"));
        var linear = TestModels.Compile(definition, TestModels.OneGroup(1000), 1, b => b.Rest("A"), options: new SimulationOptions { LinearApproximation = true });

        MeanFieldSimulator.Run(exponential).Series("A_to_B_total")[0].ShouldBe(1000 * (1 - Math.Exp(-0.2)), 1e-9);
        MeanFieldSimulator.Run(linear).Series("A_to_B_total")[0].ShouldBe(200, 1e-9);
    }

    [Fact]
    public void CompetingTargets_SplitInProportionToRates()
    {
        var definition = new ModelDefinition
        {
            Compartments = ["L", "A", "B"],
            Parameters = [Parameter.Scalar("a", 0.3), Parameter.Scalar("b", 0.1)],
            Transitions = [Transition.Spontaneous("L", "A", "a"), Transition.Spontaneous("L", "B", "b")],
        };
        var model = TestModels.Compile(definition, TestModels.OneGroup(10_000_000), 1, b => b.Rest("L"));
        var output = new Simulator(model).Run(9);
        var leaving = 10_000_000 * (1 - Math.Exp(-0.4));

        output.Series("L_to_A_total")[0].ShouldBe(leaving * 0.75, 5 * Math.Sqrt(leaving));
        output.Series("L_to_B_total")[0].ShouldBe(leaving * 0.25, 5 * Math.Sqrt(leaving));
    }

    [Fact]
    public void InitialConditions_Helpers_PlaceEveryoneExactlyOnce()
    {
        var population = TestModels.ThreeGroups();
        var initial = new InitialConditionsBuilder(["S", "E", "I", "R"], population)
            .Proportion("R", 0.2)
            .CountByAgeShare("I", 1001)
            .Counts("E", [1, 2, 3])
            .Rest("S")
            .Build();

        initial["R", 1].ShouldBe(600_000);
        Enumerable.Range(0, 3).Sum(k => initial["I", k]).ShouldBe(1001);
        initial["I", 1].ShouldBeInRange(600, 601);
        for (var k = 0; k < 3; k++)
            Enumerable.Range(0, 4).Sum(c => initial.Counts[c * 3 + k]).ShouldBe((int)population.Sizes[k]);
    }
}
