using Epy.Stages.Configs;
using EngineInit = Epy.Engine.Calibration.CompartmentInit;

namespace Epy.Stages.Building;

/// <summary>The initial conditions recipe.</summary>
public static partial class ModelBuilder
{
    /// <summary>
    /// The recipe of <paramref name="basemodel"/>'s compartments, as epymodelingsuite reads them: a value
    /// ≥ 1 is a head count spread by age share (rounded to whole people), a value below 1 a proportion of
    /// every age group, a list one such value per age group; sampled and calibrated compartments are left
    /// to each run; the rest of the population goes to the default compartment, split equally when
    /// several are (at least one must be).
    /// </summary>
    /// <exception cref="ConfigValidationException">No default compartment, or a list of the wrong length.</exception>
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
                    inits.Add(new EngineInit.Count(id, (long)Math.Round(init.Value!.Value, MidpointRounding.ToEven)));
                    break;
                case CompartmentInitKind.Proportion:
                    inits.Add(new EngineInit.Proportion(id, init.Value!.Value));
                    break;
                case CompartmentInitKind.PerAgeGroup:
                    if (init.PerAgeGroup.Count != basemodel.Population.AgeGroups.Count)
                        errors.Add(init.Span, field, $"needs {basemodel.Population.AgeGroups.Count} values (one per age group), got {init.PerAgeGroup.Count}");
                    else
                        inits.Add(new EngineInit.PerAgeGroup(id, [.. init.PerAgeGroup.Select(v => v.Value)]));
                    break;
            }
        }
        if (basemodel.Compartments.All(c => c.Init.Kind == CompartmentInitKind.None))
        {
            errors.Add(basemodel.Span, "model.compartments",
                $"{ConfigReader.NotSupportedYet} (no compartment has an init: epymodelingsuite then leaves the start to epydemix's default initial conditions; give the compartments inits, one of them 'default')");
        }
        else if (defaults.Count == 0)
        {
            errors.Add(basemodel.Span, "model.compartments", "no compartment has 'init: default'; one must take the rest of the population");
        }
        errors.ThrowIfAny();
        return new InitialRecipe(inits, defaults[0].Id.Value, [.. defaults.Skip(1).Select(d => d.Id.Value)]);
    }
}
