using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Engine.Simulation;

namespace Epy.Engine.Tests.Simulation;

/// <summary>Builders for small models in tests.</summary>
internal static class TestModels
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    public static Population OneGroup(long size) =>
        new("test", ["0+"], [size], new Dictionary<string, ContactMatrix> { ["all"] = new ContactMatrix(1, [1.0]) });

    /// <summary>Three age groups with two layers, for intervention and aggregation tests.</summary>
    public static Population ThreeGroups() =>
        new("three", ["young", "adult", "old"], [1_000_000, 3_000_000, 1_000_000], new Dictionary<string, ContactMatrix>
        {
            ["school"] = new ContactMatrix(3, [6, 1, 0, 1, 1, 0, 0, 0, 0]),
            ["home"] = new ContactMatrix(3, [2, 2, 1, 1, 2, 1, 1, 2, 2]),
        });

    public static CompiledModel Compile(ModelDefinition definition, Population population, int days, Action<InitialConditionsBuilder> initial, double dt = 1.0, SimulationOptions? options = null)
    {
        var builder = new InitialConditionsBuilder(definition.Compartments, population);
        initial(builder);
        var grid = new TimeGrid(Start, Start.AddDays(days - 1), dt);
        return CompiledModel.Compile(definition, population, grid, builder.Build(), options);
    }

    public static ModelDefinition Sir(double beta, double gamma) => new()
    {
        Compartments = ["S", "I", "R"],
        Parameters = [Parameter.Scalar("beta", beta), Parameter.Scalar("gamma", gamma)],
        Transitions = [Transition.Mediated("S", "I", "I", "beta"), Transition.Spontaneous("I", "R", "gamma")],
    };

    public static ModelDefinition Seir(double beta, double sigma, double gamma) => new()
    {
        Compartments = ["S", "E", "I", "R"],
        Parameters = [Parameter.Scalar("beta", beta), Parameter.Scalar("sigma", sigma), Parameter.Scalar("gamma", gamma)],
        Transitions =
        [
            Transition.Mediated("S", "E", "I", "beta"),
            Transition.Spontaneous("E", "I", "sigma"),
            Transition.Spontaneous("I", "R", "gamma"),
        ],
    };
}
