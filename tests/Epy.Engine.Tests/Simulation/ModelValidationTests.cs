using Epy.Engine.Model;

namespace Epy.Engine.Tests.Simulation;

public sealed class ModelValidationTests
{
    private static ModelValidationException Compiling(ModelDefinition definition) =>
        Should.Throw<ModelValidationException>(() =>
            TestModels.Compile(definition, TestModels.OneGroup(1000), 10, b => b.Counts(definition.Compartments[1], [1]).Rest(definition.Compartments[0])));

    [Fact]
    public void Compile_UnknownCompartmentInTransition_NamesField()
    {
        var error = Compiling(TestModels.Sir(0.3, 0.1) with
        {
            Transitions = [Transition.Spontaneous("I", "Recovered", "gamma")],
        });

        error.Field.ShouldBe("transitions[0].target");
        error.Message.ShouldContain("Recovered");
        error.Message.ShouldContain("S, I, R");
    }

    [Fact]
    public void Compile_UnknownMediator_NamesField()
    {
        var error = Compiling(TestModels.Sir(0.3, 0.1) with
        {
            Transitions = [Transition.Mediated("S", "I", "Infected", "beta")],
        });

        error.Field.ShouldBe("transitions[0].mediator");
    }

    [Fact]
    public void Compile_NegativeRate_NamesFieldDateAndAgeGroup()
    {
        var error = Compiling(TestModels.Sir(0.3, -0.1));

        error.Field.ShouldBe("transitions[1].rate");
        error.Message.ShouldContain("-0.1");
        error.Message.ShouldContain("2024-01-01");
    }

    [Fact]
    public void Compile_ExpressionWithUnknownName_NamesFieldAndName()
    {
        var error = Compiling(TestModels.Sir(0.3, 0.1) with
        {
            Transitions = [Transition.Spontaneous("I", "R", "gamma*recovery_boost")],
        });

        error.Field.ShouldContain("transitions[0]");
        error.Message.ShouldContain("recovery_boost");
    }

    [Fact]
    public void Compile_SelfTransition_IsRejected()
    {
        var error = Compiling(TestModels.Sir(0.3, 0.1) with
        {
            Transitions = [Transition.Spontaneous("I", "I", "gamma")],
        });

        error.Field.ShouldBe("transitions[0].target");
    }

    [Fact]
    public void Compile_DuplicateCompartment_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => TestModels.Compile(
            TestModels.Sir(0.3, 0.1) with { Compartments = ["S", "I", "I"] },
            TestModels.OneGroup(1000), 10, b => b.Rest("S")));

        error.Field.ShouldBe("compartments[2].id");
    }

    [Fact]
    public void Compile_InterventionOnUnknownLayer_NamesField()
    {
        var error = Compiling(TestModels.Sir(0.3, 0.1) with
        {
            ContactInterventions = [new ContactIntervention("school", TestModels.Start, TestModels.Start.AddDays(3), 0.5)],
        });

        error.Field.ShouldBe("interventions[0].layer");
        error.Message.ShouldContain("school");
    }

    [Fact]
    public void InitialConditions_MoreThanThePopulation_IsRejected()
    {
        var builder = new InitialConditionsBuilder(["S", "I"], TestModels.OneGroup(100));
        var error = Should.Throw<ModelValidationException>(() => builder.Counts("I", [101]));
        error.Field.ShouldBe("compartments.I.init");
    }

    [Fact]
    public void TimeGrid_EndBeforeStart_IsRejected()
    {
        Should.Throw<ModelValidationException>(() => new TimeGrid(TestModels.Start, TestModels.Start.AddDays(-1)))
            .Field.ShouldBe("timespan.end_date");
    }
}
