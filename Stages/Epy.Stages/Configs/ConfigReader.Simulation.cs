using Epy.Engine.Simulation;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>model.simulation</c> values epydemix reads.</summary>
internal sealed partial class ConfigReader
{
    /// <summary>A pandas resample rule the engine bins by (<see cref="ResampleFrequency.Supported"/>); any other is refused as not supported yet.</summary>
    public Located<string>? ResampleRule(YamlNode node, string field)
    {
        var rule = Text(node, field);
        if (rule is null || ResampleFrequency.TryParse(rule.Value, out _))
            return rule;
        NotSupported(node, field, $"resample frequency '{rule.Value}'; supported: {string.Join(", ", ResampleFrequency.Supported)}");
        return null;
    }
}
