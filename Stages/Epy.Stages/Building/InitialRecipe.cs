using Epy.Engine.Demography;
using Epy.Engine.Model;
using EngineInit = Epy.Engine.Calibration.CompartmentInit;

namespace Epy.Stages.Building;

/// <summary>
/// How a run's compartments start: the configured inits (a count spread by age share, a proportion of
/// every age group, or one count per age group), the proportions a run draws (sampled or calibrated
/// compartments), and the rest of the population in the default compartment.
/// </summary>
/// <param name="Fixed">The configured inits, in compartment order.</param>
/// <param name="DefaultCompartment">The compartment written <c>init: default</c>.</param>
public sealed record InitialRecipe(IReadOnlyList<EngineInit> Fixed, string DefaultCompartment)
{
    /// <summary>The initial conditions on <paramref name="population"/>, with <paramref name="proportions"/> by compartment drawn for this run.</summary>
    public InitialConditions Build(IReadOnlyList<string> compartments, Population population, IReadOnlyDictionary<string, double>? proportions = null)
    {
        var builder = new InitialConditionsBuilder(compartments, population);
        foreach (var init in Fixed)
        {
            _ = init switch
            {
                EngineInit.Proportion p => builder.Proportion(p.Compartment, p.Value),
                EngineInit.Count c => builder.CountByAgeShare(c.Compartment, c.Value),
                EngineInit.Counts c => builder.Counts(c.Compartment, c.Values),
                _ => throw new InvalidOperationException($"unknown initial condition {init.GetType().Name}"),
            };
        }
        foreach (var (compartment, proportion) in proportions ?? new Dictionary<string, double>())
            builder.Proportion(compartment, proportion);
        return builder.Rest(DefaultCompartment).Build();
    }
}
