using Epy.Engine.Demography;
using Epy.Engine.Model;
using EngineInit = Epy.Engine.Calibration.CompartmentInit;

namespace Epy.Stages.Building;

/// <summary>
/// How a run's compartments start: the configured inits (a count spread by age share, a proportion of
/// every age group, or one count per age group), the values a run draws (sampled or calibrated
/// compartments: ≥ 1 a head count, below 1 a proportion), and the rest of the population in the default compartment.
/// </summary>
/// <param name="Fixed">The configured inits, in compartment order.</param>
/// <param name="DefaultCompartment">The (first) compartment written <c>init: default</c>.</param>
/// <param name="OtherDefaults">Further <c>init: default</c> compartments: the rest is split equally between all of them, as epymodelingsuite does.</param>
public sealed record InitialRecipe(IReadOnlyList<EngineInit> Fixed, string DefaultCompartment, IReadOnlyList<string>? OtherDefaults = null)
{
    /// <summary>
    /// The initial conditions on <paramref name="population"/>, with the values by compartment drawn for
    /// this run (<paramref name="proportions"/>: a head count when ≥ 1, a proportion of every age group below 1).
    /// </summary>
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
                EngineInit.PerAgeGroup c => builder.PerAgeGroup(c.Compartment, c.Values),
                _ => throw new InvalidOperationException($"unknown initial condition {init.GetType().Name}"),
            };
        }
        // As epymodelingsuite: a drawn value ≥ 1 is a head count spread by age share, below 1 a proportion.
        foreach (var (compartment, value) in proportions ?? new Dictionary<string, double>())
            builder.Scalar(compartment, value);
        return builder.Rest(DefaultCompartment, OtherDefaults ?? []).Build();
    }
}
