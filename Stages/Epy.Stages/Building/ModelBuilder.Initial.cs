using Epy.Stages.Configs;
using EngineInit = Epy.Engine.Calibration.CompartmentInit;

namespace Epy.Stages.Building;

/// <summary>The initial conditions recipe.</summary>
public static partial class ModelBuilder
{
    /// <summary>
    /// The recipe of <paramref name="basemodel"/>'s compartments: a count becomes a total spread by age
    /// share, a proportion a share of every age group, a list one count per age group (whole numbers);
    /// sampled and calibrated compartments are left to each run; exactly one compartment must be the default.
    /// </summary>
    /// <exception cref="ConfigValidationException">No default compartment, several, or a count that is not whole.</exception>
    public static InitialRecipe Initial(BasemodelConfig basemodel)
    {
        ArgumentNullException.ThrowIfNull(basemodel);
        var errors = new BuildErrors();
        var inits = new List<EngineInit>();
        var defaults = new List<CompartmentConfig>();
        foreach (var compartment in basemodel.Compartments)
        {
            var id = compartment.Id.Value;
            var init = compartment.Init;
            var field = $"model.compartments.{id}.init";
            switch (init.Kind)
            {
                case CompartmentInitKind.Default:
                    defaults.Add(compartment);
                    break;
                case CompartmentInitKind.Count:
                    if (Whole(init.Value!.Value) is { } count)
                        inits.Add(new EngineInit.Count(id, count));
                    else
                        errors.Add(init.Span, field, $"a count must be a whole number of people, got {init.Value}");
                    break;
                case CompartmentInitKind.Proportion:
                    inits.Add(new EngineInit.Proportion(id, init.Value!.Value));
                    break;
                case CompartmentInitKind.PerAgeGroup:
                    var counts = init.PerAgeGroup.Select(v => Whole(v.Value)).ToList();
                    for (var k = 0; k < counts.Count; k++)
                    {
                        if (counts[k] is null)
                            errors.Add(init.PerAgeGroup[k].Span, $"{field}[{k}]", $"a count must be a whole number of people, got {init.PerAgeGroup[k].Value}");
                    }
                    if (init.PerAgeGroup.Count != basemodel.Population.AgeGroups.Count)
                        errors.Add(init.Span, field, $"needs {basemodel.Population.AgeGroups.Count} counts (one per age group), got {init.PerAgeGroup.Count}");
                    if (counts.All(c => c is not null))
                        inits.Add(new EngineInit.Counts(id, [.. counts.Select(c => c!.Value)]));
                    break;
            }
        }
        if (defaults.Count == 0)
            errors.Add(basemodel.Span, "model.compartments", "no compartment has 'init: default'; one must take the rest of the population");
        foreach (var extra in defaults.Skip(1))
            errors.Add(extra.Init.Span, $"model.compartments.{extra.Id.Value}.init", $"'{defaults[0].Id.Value}' is already the default compartment; only one can be");
        errors.ThrowIfAny();
        return new InitialRecipe(inits, defaults[0].Id.Value);
    }

    private static long? Whole(double value) =>
        double.IsFinite(value) && value >= 0 && value == Math.Floor(value) && value < long.MaxValue ? (long)value : null;
}
