using Epy.Engine.Model;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary><c>model.compartments[].init</c> and <c>multi_mediated</c> transitions.</summary>
public sealed partial class BasemodelCompatibilityTests
{
    [Fact]
    public void CalibratedInit_AtLeastOne_IsAHeadCountNotAProportion()
    {
        // epymodelingsuite (calculate_compartment_initial_conditions): a drawn value ≥ 1 is a head count
        // spread by age share; the old recipe read every drawn value as a proportion (and refused 50).
        var model = ForMassachusetts(Load(SampleConfigs.Basemodel));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 50 });

        (initial["I", 0] + initial["I", 1]).ShouldBe(50);
    }

    [Fact]
    public void CalibratedInit_BelowOne_IsAProportionOfEveryAgeGroup()
    {
        var model = ForMassachusetts(Load(SampleConfigs.Basemodel));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 0.001 });

        initial["I", 0].ShouldBe((int)Math.Floor(0.001 * model.Population.Sizes[0]));
        initial["I", 1].ShouldBe((int)Math.Floor(0.001 * model.Population.Sizes[1]));
    }

    [Fact]
    public void ListInit_MixesHeadCountsAndProportionsPerAgeGroup()
    {
        var model = ForMassachusetts(Load(SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: [25, 0.1]")));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 0 });

        initial["R", 0].ShouldBe(25);
        initial["R", 1].ShouldBe((int)Math.Floor(0.1 * model.Population.Sizes[1]));
    }

    [Fact]
    public void Init_ProportionsAbovePopulation_AreRefused()
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: 0.6\n    - id: E\n      init: [0.5, 10]"));

        error.Field.ShouldBe("model.compartments");
        error.Message.ShouldContain("'0-17' add up to 1.1");
    }

    private const string MediatedTransition = "    - type: mediated\n      source: S\n      target: I\n      mediator: I\n      rate: beta";

    [Fact]
    public void MultiMediated_BecomesOneMediatedTermPerEntryAndCompartment_SummedIntoOneFlow()
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Basemodel, MediatedTransition, """
                - type: multi_mediated
                  source: S
                  target: I
                  mediators:
                    - rate: beta
                      source: [I]
                    - rate: beta*0.5
                      source: [I, R]
            """);
        var model = ForMassachusetts(Load(basemodel));

        model.Definition.Transitions.Take(3).ShouldBe([
            Transition.Mediated("S", "I", "I", "beta"),
            Transition.Mediated("S", "I", "I", "beta*0.5"),
            Transition.Mediated("S", "I", "R", "beta*0.5")]);
        var compiled = model.Compile(new(2024, 10, 1), new(2024, 11, 1), new Dictionary<string, double> { ["Rt"] = 1.5 }, new Dictionary<string, double> { ["I"] = 100 });
        compiled.Layout.FlowIndex("S_to_I").ShouldBeGreaterThanOrEqualTo(0);
    }

    [Theory]
    [InlineData("      rate: beta\n      mediators:\n        - rate: beta\n          source: [I]", "model.transitions[0].rate", "takes no 'rate'")]
    [InlineData("      mediator: I", "model.transitions[0].mediators", "missing required field 'mediators'")]
    [InlineData("      mediators:\n        - rate: beta\n          source: [X]", "model.transitions[0].mediators[0].source[0]", "unknown compartment 'X'")]
    public void MultiMediated_EpymodelingsuitesRules_AreEnforced(string body, string field, string message)
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Basemodel, MediatedTransition, "    - type: multi_mediated\n      source: S\n      target: I\n" + body);

        _repo.Write("sir", "basemodel.yaml", basemodel);
        _repo.Write("sir", "modelset.yaml", SampleConfigs.Calibration);
        var errors = _repo.LoadFails("sir").Errors;

        errors.ShouldContain(e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Init_SeveralDefaults_SplitTheRestEqually()
    {
        // epymodelingsuite: "If multiple default compartments, split remaining population equally".
        var model = ForMassachusetts(Load(SampleConfigs.Replace(SampleConfigs.Basemodel, "      init: 0.25", "      init: default")));

        var initial = model.Initial.Build(model.Definition.Compartments, model.Population, new Dictionary<string, double> { ["I"] = 10 });

        for (var k = 0; k < 2; k++)
        {
            Math.Abs(initial["S", k] - initial["R", k]).ShouldBeLessThanOrEqualTo(1);
            (initial["S", k] + initial["I", k] + initial["R", k]).ShouldBe((int)model.Population.Sizes[k]);
        }
    }

    [Fact]
    public void Init_NoneAtAll_IsRefusedNotSupportedYet()
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Replace(SampleConfigs.Replace(SampleConfigs.Basemodel,
            "      init: default\n", ""), "      init: calibrated\n", ""), "      init: 0.25\n", "");

        var parsed = ConfigLoader.Parse(basemodel, "basemodel.yaml").Document!.Basemodel!;

        var error = Should.Throw<ConfigValidationException>(() => ModelBuilder.Initial(parsed)).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("model.compartments");
        error.Message.ShouldStartWith(ConfigReader.NotSupportedYet);
    }

    [Fact]
    public void MultiMediated_EngineErrorOnALaterTransition_PointsAtThatTransition()
    {
        var basemodel = SampleConfigs.Replace(SampleConfigs.Replace(SampleConfigs.Basemodel, MediatedTransition, """
                - type: multi_mediated
                  source: S
                  target: I
                  mediators:
                    - rate: beta
                      source: [I, R]
            """), "      rate: gamma", "      rate: gamma/0");
        var model = ForMassachusetts(Load(basemodel));

        var error = Should.Throw<ConfigValidationException>(() =>
            model.Compile(new(2024, 10, 1), new(2024, 11, 1), new Dictionary<string, double> { ["Rt"] = 1.5 }, new Dictionary<string, double> { ["I"] = 10 }))
            .Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(basemodel, "type: spontaneous"));
    }
}
