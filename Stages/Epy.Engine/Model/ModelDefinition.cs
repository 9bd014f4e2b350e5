namespace Epy.Engine.Model;

/// <summary>
/// What an epidemic model is, independent of where and when it runs: compartments (in order),
/// parameters, transitions, interventions and seasonality. Compile it with a population, a time
/// grid and initial conditions (<see cref="Simulation.CompiledModel"/>) to simulate it.
/// </summary>
public sealed record ModelDefinition
{
    /// <summary>Compartment ids, in the order outputs list them.</summary>
    public required IReadOnlyList<string> Compartments { get; init; }

    /// <summary>The parameters; names must be unique.</summary>
    public IReadOnlyList<Parameter> Parameters { get; init; } = [];

    /// <summary>The transitions.</summary>
    public IReadOnlyList<Transition> Transitions { get; init; } = [];

    /// <summary>Contact-layer scalings over date ranges (school closures and the like).</summary>
    public IReadOnlyList<ContactIntervention> ContactInterventions { get; init; } = [];

    /// <summary>Parameter values replaced over date ranges.</summary>
    public IReadOnlyList<ParameterOverride> ParameterOverrides { get; init; } = [];

    /// <summary>Parameter values multiplied over date ranges (after seasonality, before overrides).</summary>
    public IReadOnlyList<ParameterScaling> ParameterScalings { get; init; } = [];

    /// <summary>Seasonal forcing of one parameter, if any.</summary>
    public Seasonality? Seasonality { get; init; }
}
