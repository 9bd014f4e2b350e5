using Epy.Engine.Model;
using Epy.Stages.Configs;
using EngineTransition = Epy.Engine.Model.Transition;
using TransitionKind = Epy.Stages.Configs.TransitionKind;

namespace Epy.Stages.Building;

/// <summary>
/// Turns a validated basemodel into the engine's <see cref="ModelDefinition"/>: compartments in
/// order; scalar and age-varying parameters as expressions and calculated ones as their expression
/// (sampled and calibrated parameters are left out: each run sets them); transitions, with a
/// vaccination transition reading the <see cref="VaccinationSchedule.DosesParameter"/> parameter;
/// interventions; Balcan seasonality.
/// </summary>
public static partial class ModelBuilder
{
    /// <summary>Builds the definition of <paramref name="basemodel"/>.</summary>
    /// <param name="basemodel">The basemodel.</param>
    /// <param name="vaccination">The location's vaccination schedule; required when the basemodel has a <c>vaccination</c> section or transition.</param>
    /// <exception cref="ConfigValidationException">A value cannot be used; every error names file:line and field.</exception>
    public static ModelDefinition Build(BasemodelConfig basemodel, VaccinationSchedule? vaccination = null)
    {
        ArgumentNullException.ThrowIfNull(basemodel);
        var errors = new BuildErrors();
        var parameters = Parameters(basemodel);
        var transitions = Transitions(basemodel, vaccination, errors);
        var overrides = new List<ParameterOverride>();
        var scalings = new List<ParameterScaling>();
        var contacts = Interventions(basemodel, overrides, scalings);
        if (vaccination is not null && basemodel.Vaccination is not null)
        {
            var clash = basemodel.Parameters.FirstOrDefault(p => p.Name.Value == VaccinationSchedule.DosesParameter);
            if (clash is not null)
                errors.Add(clash.Name.Span, $"model.parameters.{clash.Name.Value}", $"'{VaccinationSchedule.DosesParameter}' is the name of the vaccination doses; rename the parameter");
            parameters.Add(VaccinationSchedule.BaseParameter);
            overrides.AddRange(vaccination.Overrides());
        }
        var seasonality = Seasonality(basemodel.Seasonality, errors);
        errors.ThrowIfAny();
        return new ModelDefinition
        {
            Compartments = [.. basemodel.Compartments.Select(c => c.Id.Value)],
            Parameters = parameters,
            Transitions = transitions,
            ContactInterventions = contacts,
            ParameterOverrides = overrides,
            ParameterScalings = scalings,
            Seasonality = seasonality,
        };
    }

    /// <summary>
    /// The grid of a run starting on <paramref name="start"/> (the fixed start date, or a sampled or
    /// calibrated one) and ending on <paramref name="end"/> (default: the timespan's end date).
    /// </summary>
    public static TimeGrid Grid(BasemodelConfig basemodel, DateOnly start, DateOnly? end = null)
    {
        ArgumentNullException.ThrowIfNull(basemodel);
        var timespan = basemodel.Timespan;
        var last = end ?? timespan.EndDate.Value;
        if (last < start)
        {
            throw BuildErrors.One(timespan.EndDate.Span, "model.timespan.end_date",
                $"{last:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}");
        }
        return new TimeGrid(start, last, timespan.DeltaT.Value);
    }

    /// <summary>The parameters whose values the basemodel gives: every one but the sampled and calibrated.</summary>
    private static List<Parameter> Parameters(BasemodelConfig basemodel)
    {
        var parameters = new List<Parameter>();
        foreach (var p in basemodel.Parameters)
        {
            switch (p.Kind)
            {
                case ParameterKind.Scalar:
                case ParameterKind.Calculated:
                    parameters.Add(Parameter.Expression(p.Name.Value, p.Value!.Value));
                    break;
                case ParameterKind.AgeVarying:
                    parameters.Add(new Parameter(p.Name.Value, ParameterShape.AgeVarying, [.. p.Values.Select(v => v.Value)]));
                    break;
            }
        }
        return parameters;
    }

    private static List<EngineTransition> Transitions(BasemodelConfig basemodel, VaccinationSchedule? vaccination, BuildErrors errors)
    {
        var transitions = new List<EngineTransition>();
        for (var i = 0; i < basemodel.Transitions.Count; i++)
        {
            var t = basemodel.Transitions[i];
            var field = $"model.transitions[{i}]";
            switch (t.Kind)
            {
                case TransitionKind.Spontaneous:
                    transitions.Add(EngineTransition.Spontaneous(t.Source.Value, t.Target.Value, t.Rate!.Value));
                    break;
                case TransitionKind.Mediated:
                    transitions.Add(EngineTransition.Mediated(t.Source.Value, t.Target.Value, t.Mediator!.Value, t.Rate!.Value));
                    break;
                case TransitionKind.MultiMediated:
                    // One mediated transition per (entry, compartment): the engine adds the rates of
                    // transitions with the same source and target, so the force is
                    // Σ_entries rate · Σ_compartments Σ_j C[k, j] · X_j / N_j, reported as one flow.
                    foreach (var m in t.Mediators ?? [])
                        transitions.AddRange(m.Sources.Select(x => EngineTransition.Mediated(t.Source.Value, t.Target.Value, x.Value, m.Rate.Value)));
                    break;
                case TransitionKind.Vaccination when basemodel.Vaccination is null:
                    errors.Add(t.Span, field, "a vaccination transition needs the model's 'vaccination' section (scenario_data_path, origin_compartment, eligible_compartments)");
                    break;
                case TransitionKind.Vaccination when vaccination is null:
                    errors.Add(basemodel.Vaccination.Span, "model.vaccination", "the vaccination scenario was not loaded for this location (VaccinationScenarioFile.Load)");
                    break;
                case TransitionKind.Vaccination:
                    var v = basemodel.Vaccination;
                    transitions.Add(EngineTransition.Vaccination(v.OriginCompartment.Value, t.Target.Value, VaccinationSchedule.DosesParameter,
                        [.. v.EligibleCompartments.Select(e => e.Value)]));
                    break;
            }
        }
        if (basemodel.Vaccination is { } section && !basemodel.Transitions.Any(t => t.Kind == TransitionKind.Vaccination))
        {
            errors.Add(section.Span, "model.vaccination",
                "no transition has type 'vaccination'; add one from the origin compartment to the vaccinated compartment (e.g. S → S_vax)");
        }
        return transitions;
    }
}
