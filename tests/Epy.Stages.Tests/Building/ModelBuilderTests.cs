using Epy.Engine.Model;
using Epy.Engine.Simulation;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.Tests.Configs;
using EngineInit = Epy.Engine.Calibration.CompartmentInit;

namespace Epy.Stages.Tests.Building;

/// <summary>The small SIR of <see cref="SampleConfigs"/> on the shipped Massachusetts data.</summary>
public sealed class ModelBuilderTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private (Experiment Experiment, string Path) Load(string basemodel)
    {
        var path = _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        return (_repo.Load("sir"), path);
    }

    private LocationModel ForMassachusetts(Experiment experiment) =>
        ModelBuilder.ForLocation(experiment.Basemodel, SampleConfigs.Codebook.Find("US-MA")!, _repo.Root, TestData.EpydemixDataRoot);

    [Fact]
    public void Build_SmallSir_KeepsExpressionsAndLeavesCalibratedParametersOut()
    {
        var (experiment, _) = Load(SampleConfigs.Basemodel);

        var model = ForMassachusetts(experiment);

        var definition = model.Definition;
        definition.Compartments.ShouldBe(["S", "I", "R"]);
        definition.Parameters.Select(p => p.Name).ShouldBe(["beta", "gamma"]);
        definition.Parameters[0].Values.ShouldBe(["Rt*gamma/eigenvalue"]);
        definition.Parameters[1].Shape.ShouldBe(ParameterShape.AgeVarying);
        definition.Transitions[0].ShouldBe(Transition.Mediated("S", "I", "I", "beta"));
        definition.Seasonality.ShouldBe(new Seasonality("beta", new DateOnly(2024, 12, 1), 0.6, 1.0));
        definition.ContactInterventions.ShouldAllBe(c => c.Layer == "school" && c.ScalingFactor == 0.5);
        definition.ContactInterventions.ShouldContain(c => c.Name == "Christmas Break" && c.Start.Month == 12);
        model.Initial.DefaultCompartment.ShouldBe("S");
        model.Initial.Fixed.ShouldBe([new EngineInit.Proportion("R", 0.25)]);
    }

    [Fact]
    public void Build_Interventions_BecomeLayerScalingsParameterScalingsAndOverrides()
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Basemodel, "    - type: school_closure\n      scaling_factor: 0.5", """
                - type: contact_matrix
                  contact_matrix_layer: work
                  scaling_factor: 0.9
                  start_date: "2024-12-20"
                  end_date: "2025-01-05"
                - type: parameter
                  target_parameter: gamma
                  scaling_factor: 2
                  start_date: "2025-01-01"
                  end_date: "2025-01-31"
                - type: parameter
                  target_parameter: Rt
                  scaling_factor: 0.5
                  start_date: "2025-01-01"
                  end_date: "2025-01-31"
                - type: parameter
                  target_parameter: beta
                  override_value: 0.1
                  start_date: "2025-02-01"
                  end_date: "2025-02-28"
            """);
        var (experiment, _) = Load(basemodel);

        var definition = ForMassachusetts(experiment).Definition;

        definition.ContactInterventions.ShouldBe([new ContactIntervention("work", new(2024, 12, 20), new(2025, 1, 5), 0.9, "contact_matrix")]);
        definition.ParameterScalings.ShouldBe([
            new ParameterScaling("gamma", new(2025, 1, 1), new(2025, 1, 31), 2),
            new ParameterScaling("Rt", new(2025, 1, 1), new(2025, 1, 31), 0.5)]);
        definition.ParameterOverrides.ShouldHaveSingleItem().Values.ShouldBe(["0.1"]);
    }

    [Fact]
    public void Initial_CountsAndLists_SpreadByAgeShareOrPerGroup()
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: [10, 20]\n    - id: E\n      init: 1000");
        var (experiment, _) = Load(basemodel);
        var model = ForMassachusetts(experiment);

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 0 });

        model.Initial.Fixed.ShouldBe([new EngineInit.PerAgeGroup("R", [10, 20]), new EngineInit.Count("E", 1000)], new InitComparer());
        (initial["E", 0] + initial["E", 1]).ShouldBe(1000);
        Math.Abs(initial["E", 0] - 1000.0 * model.Population.Sizes[0] / model.Population.Total).ShouldBeLessThanOrEqualTo(1);
        initial["R", 1].ShouldBe(20);
        (initial["S", 0] + initial["E", 0] + initial["R", 0]).ShouldBe((int)model.Population.Sizes[0]);
    }

    [Fact]
    public void Compile_UnusableParameterValue_PointsAtTheParameter()
    {
        var (experiment, path) = Load(SampleConfigs.Basemodel);
        var model = ForMassachusetts(experiment);

        var error = Should.Throw<ConfigValidationException>(() =>
            model.Compile(new(2024, 10, 1), new(2024, 12, 1), new Dictionary<string, double> { ["Rt"] = double.NaN }, new Dictionary<string, double> { ["I"] = 0.001 }))
            .Errors.ShouldHaveSingleItem();

        error.File.ShouldBe(path);
        error.Field.ShouldStartWith("model.parameters.");
        error.Line.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Compile_SmallSir_Simulates()
    {
        var (experiment, _) = Load(SampleConfigs.Basemodel);
        var model = ForMassachusetts(experiment);

        var compiled = model.Compile(new(2024, 10, 1), new(2024, 12, 1), new Dictionary<string, double> { ["Rt"] = 1.5 }, new Dictionary<string, double> { ["I"] = 0.001 });
        var output = new Simulator(compiled).Run(1);

        output.Series("S_to_I_total").Sum().ShouldBeGreaterThan(0);
    }

    private sealed class InitComparer : IEqualityComparer<EngineInit>
    {
        public bool Equals(EngineInit? x, EngineInit? y) => (x, y) switch
        {
            (EngineInit.Counts a, EngineInit.Counts b) => a.Compartment == b.Compartment && a.Values.SequenceEqual(b.Values),
            (EngineInit.PerAgeGroup a, EngineInit.PerAgeGroup b) => a.Compartment == b.Compartment && a.Values.SequenceEqual(b.Values),
            _ => Equals(x, (object?)y),
        };

        public int GetHashCode(EngineInit obj) => obj.Compartment.GetHashCode(StringComparison.Ordinal);
    }
}
