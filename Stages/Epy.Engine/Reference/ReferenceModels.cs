using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Engine.Simulation;

namespace Epy.Engine.Reference;

/// <summary>
/// The two benchmark models of <c>reference-model.md</c>, exactly as specified there: influenza
/// "flu_round05 without vaccination" (12 compartments, 5 age groups, seasonal β, 229 daily steps)
/// and a plain SIR (one group, N = 100000, 200 daily steps).
/// </summary>
public static class ReferenceModels
{
    /// <summary>The flu model's age groups.</summary>
    public static readonly IReadOnlyList<string> FluAgeGroups = ["0-4", "5-17", "18-49", "50-64", "65+"];

    /// <summary>The flu model's compartments, in output order.</summary>
    public static readonly IReadOnlyList<string> FluCompartments =
        ["S", "L", "Initial_immune", "I_symp", "I_asymp", "Home_sev", "Home_mild", "Home_asymp", "Hosp", "R_sev", "R_mild", "R_asymp"];

    /// <summary>The flu model's definition (parameters, transitions and seasonality).</summary>
    public static ModelDefinition FluDefinition() => new()
    {
        Compartments = FluCompartments,
        Parameters =
        [
            Parameter.Scalar("Rt", 1.2),
            Parameter.Scalar("r_beta_asymp", 0.5),
            Parameter.Scalar("p_asymp", 0.45),
            Parameter.Expression("eps", "1/1.5"),
            Parameter.Expression("mu", "1/1.5"),
            Parameter.Expression("eta", "1/3.5"),
            new Parameter("p_h", ParameterShape.AgeVarying, ["0.007", "0.0027", "0.0056", "0.011", "0.0909"]),
            new Parameter("mu_h", ParameterShape.AgeVarying, ["1/2.7", "1/3.6", "1/5.8", "1/7.5", "1/5.1"]),
            new Parameter("delta", ParameterShape.AgeVarying, ["1/1.26", "1/1.21", "1/1.91", "1/2.03", "1/1.5"]),
            Parameter.Expression("beta", "Rt*mu/(eigenvalue*(1-p_asymp+p_asymp*r_beta_asymp))"),
        ],
        Transitions =
        [
            Transition.Mediated("S", "L", "I_symp", "beta"),
            Transition.Mediated("S", "L", "I_asymp", "beta*r_beta_asymp"),
            Transition.Spontaneous("L", "I_symp", "eps*(1-p_asymp)"),
            Transition.Spontaneous("L", "I_asymp", "eps*p_asymp"),
            Transition.Spontaneous("I_symp", "Home_sev", "mu*p_h"),
            Transition.Spontaneous("I_symp", "Home_mild", "mu*(1-p_h)"),
            Transition.Spontaneous("I_asymp", "Home_asymp", "mu"),
            Transition.Spontaneous("Home_sev", "Hosp", "delta"),
            Transition.Spontaneous("Home_mild", "R_mild", "eta"),
            Transition.Spontaneous("Home_asymp", "R_asymp", "eta"),
            Transition.Spontaneous("Hosp", "R_sev", "mu_h"),
        ],
        Seasonality = new Seasonality("beta", new DateOnly(2024, 10, 1), MinValue: 0.65, MaxValue: 1.0),
    };

    /// <summary>The flu model's time grid: 2024-10-15 to 2025-05-31 daily, 229 steps.</summary>
    public static TimeGrid FluGrid() => new(new DateOnly(2024, 10, 15), new DateOnly(2025, 5, 31));

    /// <summary>
    /// The flu model compiled on <paramref name="massachusetts"/> (aggregated to <see cref="FluAgeGroups"/>):
    /// L = floor(0.0005·N), Initial_immune = floor(0.2·N), S the rest.
    /// </summary>
    public static CompiledModel Flu(Population massachusetts)
    {
        var initial = new InitialConditionsBuilder(FluCompartments, massachusetts)
            .Proportion("L", 0.0005)
            .Proportion("Initial_immune", 0.2)
            .Rest("S")
            .Build();
        return CompiledModel.Compile(FluDefinition(), massachusetts, FluGrid(), initial);
    }

    /// <summary>The SIR model: β = 0.3, γ = 0.1, N = 100000 with contacts [[1]], I₀ = 10, 2020-01-01..2020-07-18.</summary>
    public static CompiledModel Sir(long population = 100_000, int initialInfected = 10, double dt = 1.0, DateOnly? end = null)
    {
        var people = new Population(
            "default",
            ["0+"],
            [population],
            new Dictionary<string, ContactMatrix> { ["all"] = new ContactMatrix(1, [1.0]) });
        var definition = new ModelDefinition
        {
            Compartments = ["S", "I", "R"],
            Parameters = [Parameter.Scalar("beta", 0.3), Parameter.Scalar("gamma", 0.1)],
            Transitions = [Transition.Mediated("S", "I", "I", "beta"), Transition.Spontaneous("I", "R", "gamma")],
        };
        var initial = new InitialConditionsBuilder(definition.Compartments, people)
            .Counts("I", [initialInfected])
            .Rest("S")
            .Build();
        var grid = new TimeGrid(new DateOnly(2020, 1, 1), end ?? new DateOnly(2020, 7, 18), dt);
        return CompiledModel.Compile(definition, people, grid, initial);
    }
}
