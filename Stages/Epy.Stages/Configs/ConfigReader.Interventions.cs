using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>model.interventions</c> entries, with epymodelingsuite's rules for each type.</summary>
internal sealed partial class ConfigReader
{
    private static readonly Dictionary<string, InterventionKind> InterventionKinds = new(StringComparer.Ordinal)
    {
        ["school_closure"] = InterventionKind.SchoolClosure,
        ["contact_matrix"] = InterventionKind.ContactMatrix,
        ["parameter"] = InterventionKind.Parameter,
    };

    private static readonly string[] ContactLayers = ["home", "school", "work", "community"];

    private static readonly string[] InterventionKeys =
        ["type", "scaling_factor", "override_value", "contact_matrix_layer", "target_parameter", "start_date", "end_date"];

    /// <summary>Names this program once read, and the epymodelingsuite key that replaces each.</summary>
    private static readonly Dictionary<string, string> RenamedInterventionKeys = new(StringComparer.Ordinal)
    {
        ["layer"] = "contact_matrix_layer",
        ["value"] = "override_value",
    };

    private IReadOnlyList<InterventionConfig> ReadInterventions(YamlNode? node)
    {
        var interventions = List(node, "model.interventions", ReadIntervention);
        foreach (var extra in interventions.Where(i => i.Kind == InterventionKind.SchoolClosure).Skip(1))
            Error(extra.Span, "model.interventions", "more than one school_closure intervention; epymodelingsuite allows at most one");
        return interventions;
    }

    private InterventionConfig? ReadIntervention(YamlNode node, string field)
    {
        if (Mapping(node, field, [.. InterventionKeys, .. RenamedInterventionKeys.Keys]) is not { } map)
            return null;
        foreach (var (old, replacement) in RenamedInterventionKeys)
        {
            if (map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var name } && name == old) is { } key)
                Error(key, Join(field, old), $"unknown key '{old}': epymodelingsuite names it '{replacement}'");
        }
        var kindNode = Required(map, "type", field, "school_closure, contact_matrix or parameter");
        if (kindNode is null || Choice(kindNode, Join(field, "type"), InterventionKinds) is not { Value: var kind })
            return null;
        var kindName = ConfigNames.Of(kind);
        var scaling = Opt(map, "scaling_factor", field, NonNegative);
        var value = Opt(map, "override_value", field, Number);
        var layer = Opt(map, "contact_matrix_layer", field, Text);
        var target = Opt(map, "target_parameter", field, Text);
        var start = Opt(map, "start_date", field, Date);
        var end = Opt(map, "end_date", field, Date);

        void Forbid<T>(Located<T>? located, string key)
        {
            if (located is not null)
                Error(located.Span, Join(field, key), $"a {kindName} intervention takes no '{key}'");
        }

        void Need<T>(Located<T>? located, string key, string expected)
        {
            if (located is null && Optional(map, key) is null)
                Error(map, Join(field, key), $"missing required field '{key}': a {kindName} intervention needs {expected}");
        }

        switch (kind)
        {
            case InterventionKind.SchoolClosure:
                Need(scaling, "scaling_factor", "a number ≥ 0");
                Forbid(value, "override_value");
                Forbid(layer, "contact_matrix_layer");
                Forbid(target, "target_parameter");
                Forbid(start, "start_date");
                Forbid(end, "end_date");
                break;
            case InterventionKind.ContactMatrix:
                Need(scaling, "scaling_factor", "a number ≥ 0");
                Need(layer, "contact_matrix_layer", $"one of {string.Join(", ", ContactLayers)}");
                Need(start, "start_date", "a date yyyy-MM-dd");
                Need(end, "end_date", "a date yyyy-MM-dd");
                Forbid(value, "override_value");
                Forbid(target, "target_parameter");
                if (layer is not null && !ContactLayers.Contains(layer.Value, StringComparer.Ordinal))
                    Error(layer.Span, Join(field, "contact_matrix_layer"), $"unknown contact layer '{layer.Value}': expected one of {string.Join(", ", ContactLayers)}");
                break;
            case InterventionKind.Parameter:
                Need(target, "target_parameter", "a parameter name");
                Need(start, "start_date", "a date yyyy-MM-dd");
                Need(end, "end_date", "a date yyyy-MM-dd");
                Forbid(layer, "contact_matrix_layer");
                if (Optional(map, "scaling_factor") is null == (Optional(map, "override_value") is null))
                    Error(map, field, "a parameter intervention needs exactly one of 'scaling_factor' or 'override_value'");
                break;
        }
        if (start is not null && end is not null && end.Value < start.Value)
            Error(end.Span, Join(field, "end_date"), $"end_date {end.Value:yyyy-MM-dd} is before start_date {start.Value:yyyy-MM-dd}");
        return new InterventionConfig(kind, scaling, layer, target, start, end, value, At(map));
    }
}
