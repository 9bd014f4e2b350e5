using System.Text.RegularExpressions;
using Epy.Engine;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>
/// Points an engine error (whose field is a path such as <c>parameters.beta</c>,
/// <c>compartments.L.init</c>, <c>transitions[3].rate</c> or <c>seasonality.min_value</c>) back at the
/// basemodel value it came from, so the message reads <c>file:line:column: model.field: ...</c>.
/// </summary>
internal static partial class ModelFieldMap
{
    /// <summary>The error as a configuration error at the closest basemodel value.</summary>
    public static ConfigValidationException Locate(BasemodelConfig basemodel, ModelValidationException error)
    {
        var field = error.Field;
        var span = Span(basemodel, field);
        return BuildErrors.One(span, $"model.{field}", error.Reason);
    }

    private static SourceSpan Span(BasemodelConfig basemodel, string field)
    {
        var head = Head().Match(field);
        var name = head.Groups["name"].Value;
        return head.Groups["section"].Value switch
        {
            "parameters" => basemodel.Parameters.FirstOrDefault(p => p.Name.Value == name)?.Span ?? basemodel.Span,
            "compartments" or "initial_conditions" => basemodel.Compartments.FirstOrDefault(c => c.Id.Value == name)?.Span ?? basemodel.Span,
            "transitions" when int.TryParse(head.Groups["index"].Value, out var i) && ConfigTransition(basemodel, i) is { } t => t.Span,
            "seasonality" => basemodel.Seasonality?.Span ?? basemodel.Span,
            "timespan" => basemodel.Timespan.Span,
            "population" => basemodel.Population.Span,
            "vaccination" => basemodel.Vaccination?.Span ?? basemodel.Span,
            _ => basemodel.Span,
        };
    }

    /// <summary>
    /// The config transition the engine's transition <paramref name="index"/> came from: a multi_mediated
    /// transition becomes one engine transition per mediator compartment (<see cref="ModelBuilder.Build"/>).
    /// </summary>
    private static TransitionConfig? ConfigTransition(BasemodelConfig basemodel, int index)
    {
        foreach (var t in basemodel.Transitions)
        {
            var count = t.Kind == TransitionKind.MultiMediated ? (t.Mediators ?? []).Sum(m => m.Sources.Count) : 1;
            if (index < count)
                return t;
            index -= count;
        }
        return null;
    }

    [GeneratedRegex(@"^(?<section>[a-z_]+)(\[(?<index>\d+)\])?(\.(?<name>[A-Za-z_][A-Za-z0-9_]*))?")]
    private static partial Regex Head();
}
