using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>Interventions and seasonality.</summary>
public static partial class ModelBuilder
{
    /// <summary>The contact layer a school closure scales.</summary>
    public const string SchoolLayer = "school";

    /// <summary>
    /// Contact interventions, and parameter interventions added to <paramref name="overrides"/>.
    /// A school closure without dates lasts the whole run (every date); a contact-matrix intervention
    /// without a layer scales every layer; a parameter intervention with <c>value</c> sets it, with
    /// <c>scaling_factor</c> multiplies its configured expression (a sampled or calibrated parameter
    /// has none, and cannot be scaled).
    /// </summary>
    private static List<ContactIntervention> Interventions(BasemodelConfig basemodel, List<ParameterOverride> overrides, BuildErrors errors)
    {
        var contacts = new List<ContactIntervention>();
        for (var i = 0; i < basemodel.Interventions.Count; i++)
        {
            var intervention = basemodel.Interventions[i];
            var field = $"model.interventions[{i}]";
            var start = intervention.StartDate?.Value ?? DateOnly.MinValue;
            var end = intervention.EndDate?.Value ?? DateOnly.MaxValue;
            switch (intervention.Kind)
            {
                case InterventionKind.SchoolClosure:
                    contacts.Add(new ContactIntervention(SchoolLayer, start, end, intervention.ScalingFactor!.Value, "school_closure"));
                    break;
                case InterventionKind.ContactMatrix:
                    var layers = intervention.Layer is { } layer ? [layer.Value] : Population.StandardLayers;
                    contacts.AddRange(layers.Select(l => new ContactIntervention(l, start, end, intervention.ScalingFactor!.Value, "contact_matrix")));
                    break;
                case InterventionKind.Parameter:
                    if (ParameterOverride(basemodel, intervention, field, errors) is { } o)
                        overrides.Add(o);
                    break;
            }
        }
        return contacts;
    }

    private static ParameterOverride? ParameterOverride(BasemodelConfig basemodel, InterventionConfig intervention, string field, BuildErrors errors)
    {
        var name = intervention.TargetParameter!;
        var (start, end) = (intervention.StartDate!.Value, intervention.EndDate!.Value);
        if (intervention.Value is { } value)
            return new ParameterOverride(name.Value, start, end, [Number(value.Value)]);
        var factor = Number(intervention.ScalingFactor!.Value);
        var target = basemodel.Parameters.FirstOrDefault(p => p.Name.Value == name.Value);
        switch (target?.Kind)
        {
            case null:
                errors.Add(name.Span, $"{field}.target_parameter", $"unknown parameter '{name.Value}'");
                return null;
            case ParameterKind.Scalar or ParameterKind.Calculated:
                return new ParameterOverride(name.Value, start, end, [$"({target.Value!.Value})*{factor}"]);
            case ParameterKind.AgeVarying:
                return new ParameterOverride(name.Value, start, end, [.. target.Values.Select(v => $"({v.Value})*{factor}")]);
            default:
                errors.Add(name.Span, $"{field}.target_parameter",
                    $"'{name.Value}' is {(target.Kind == ParameterKind.Sampled ? "sampled" : "calibrated")}, so it has no configured value to scale; give the intervention a 'value' or scale a calculated parameter that uses it");
                return null;
        }
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
