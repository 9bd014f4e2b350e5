using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>model.interventions</c> entries.</summary>
internal sealed partial class ConfigReader
{
    private static readonly Dictionary<string, InterventionKind> InterventionKinds = new(StringComparer.Ordinal)
    {
        ["school_closure"] = InterventionKind.SchoolClosure,
        ["contact_matrix"] = InterventionKind.ContactMatrix,
        ["parameter"] = InterventionKind.Parameter,
    };

    private static readonly string[] ContactLayers = ["home", "school", "work", "community"];

    private InterventionConfig? ReadIntervention(YamlNode node, string field)
    {
        if (Mapping(node, field, ["type", "scaling_factor", "layer", "target_parameter", "start_date", "end_date", "value"]) is not { } map)
            return null;
        var kindNode = Required(map, "type", field, "school_closure, contact_matrix or parameter");
        if (kindNode is null || Choice(kindNode, Join(field, "type"), InterventionKinds) is not { Value: var kind })
            return null;
        var kindName = InterventionKinds.First(pair => pair.Value == kind).Key;
        var scaling = Opt(map, "scaling_factor", field, NonNegative);
        var layer = Opt(map, "layer", field, Text);
        var target = Opt(map, "target_parameter", field, Text);
        var start = Opt(map, "start_date", field, Date);
        var end = Opt(map, "end_date", field, Date);
        var value = Opt(map, "value", field, Number);

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
                Forbid(layer, "layer");
                Forbid(target, "target_parameter");
                Forbid(value, "value");
                break;
            case InterventionKind.ContactMatrix:
                Need(scaling, "scaling_factor", "a number ≥ 0");
                Need(start, "start_date", "a date yyyy-MM-dd");
                Need(end, "end_date", "a date yyyy-MM-dd");
                Forbid(target, "target_parameter");
                Forbid(value, "value");
                if (layer is not null && !ContactLayers.Contains(layer.Value, StringComparer.Ordinal))
                    Error(layer.Span, Join(field, "layer"), $"unknown contact layer '{layer.Value}': expected one of {string.Join(", ", ContactLayers)}");
                break;
            case InterventionKind.Parameter:
                Need(target, "target_parameter", "a parameter name");
                Need(start, "start_date", "a date yyyy-MM-dd");
                Need(end, "end_date", "a date yyyy-MM-dd");
                Forbid(layer, "layer");
                if ((scaling is null) == (value is null) && Optional(map, "scaling_factor") is null == (Optional(map, "value") is null))
                    Error(map, field, "a parameter intervention needs exactly one of 'scaling_factor' or 'value'");
                break;
        }
        if (start is not null && end is not null && end.Value < start.Value)
            Error(end.Span, Join(field, "end_date"), $"end_date {end.Value:yyyy-MM-dd} is before start_date {start.Value:yyyy-MM-dd}");
        return new InterventionConfig(kind, scaling, layer, target, start, end, value, At(map));
    }
}
