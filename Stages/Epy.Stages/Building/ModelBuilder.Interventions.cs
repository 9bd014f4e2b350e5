using Epy.Engine.Model;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>Interventions and seasonality.</summary>
public static partial class ModelBuilder
{
    /// <summary>The contact layer a school closure scales.</summary>
    public const string SchoolLayer = "school";

    /// <summary>
    /// Contact interventions, and parameter interventions added to <paramref name="overrides"/> (an
    /// <c>override_value</c>: the parameter takes that value in the window) or <paramref name="scalings"/>
    /// (a <c>scaling_factor</c>: the parameter's value in the window, seasonality included, is multiplied,
    /// whatever its type), as epymodelingsuite applies them: scalings first, overrides last. A
    /// contact-matrix intervention scales its <c>contact_matrix_layer</c> between its dates.
    /// </summary>
    private static List<ContactIntervention> Interventions(BasemodelConfig basemodel, List<ParameterOverride> overrides, List<ParameterScaling> scalings)
    {
        var contacts = new List<ContactIntervention>();
        foreach (var intervention in basemodel.Interventions)
        {
            switch (intervention.Kind)
            {
                case InterventionKind.SchoolClosure:
                    // Dated by the location's school calendar: see SchoolClosures (ForLocation).
                    break;
                case InterventionKind.ContactMatrix:
                    contacts.Add(new ContactIntervention(intervention.ContactMatrixLayer!.Value, intervention.StartDate!.Value, intervention.EndDate!.Value,
                        intervention.ScalingFactor!.Value, "contact_matrix"));
                    break;
                case InterventionKind.Parameter when intervention.OverrideValue is { } value:
                    overrides.Add(new ParameterOverride(intervention.TargetParameter!.Value, intervention.StartDate!.Value, intervention.EndDate!.Value, [Number(value.Value)]));
                    break;
                case InterventionKind.Parameter:
                    scalings.Add(new ParameterScaling(intervention.TargetParameter!.Value, intervention.StartDate!.Value, intervention.EndDate!.Value, intervention.ScalingFactor!.Value));
                    break;
            }
        }
        return contacts;
    }

    private static Seasonality? Seasonality(SeasonalityConfig? config, BuildErrors errors)
    {
        if (config is null)
            return null;
        if (!string.Equals(config.Method.Value, "balcan", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(config.Method.Span, "model.seasonality.method", $"unknown seasonality method '{config.Method.Value}': only 'balcan' is supported");
            return null;
        }
        return new Seasonality(config.TargetParameter.Value, config.MaxDate.Value, config.MinValue.Value, config.MaxValue.Value, config.MinDate?.Value);
    }

    private static string Number(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
