using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>
/// The <c>aggregation</c> section (epymodelingsuite's <c>schema/aggregation.py</c>, the exp_id form):
/// sources, method, sampling, compartments, transitions, method_options and output_config.
/// </summary>
internal sealed partial class ConfigReader
{
    private const string Aggregation = "aggregation";

    private static readonly Dictionary<string, AggregationMethod> AggregationMethods = new(StringComparer.Ordinal)
    {
        ["sum"] = AggregationMethod.Sum,
        ["weighted_sum"] = AggregationMethod.WeightedSum,
        ["bootstrap"] = AggregationMethod.Bootstrap,
        ["correlated"] = AggregationMethod.Correlated,
    };

    /// <summary>
    /// Keys of epymodelingsuite's other aggregation form (the multistrain aggregator, which reads stage C's
    /// trajectory CSVs from a bucket path): refused, not read as the exp_id form's keys.
    /// </summary>
    private static readonly string[] MultistrainKeys = ["bucket", "random_seed", "aggregate_method", "outputs", "baseline"];

    private static readonly string[] MultistrainSourceKeys = ["strain", "experiment", "trajectory_file", "target_column", "date_column", "location_column", "sim_id"];

    private AggregationConfig? ReadAggregation(YamlNode node)
    {
        if (Mapping(node, Aggregation, ["meta", "sources", "method", "sampling", "compartments", "transitions", "method_options", "output_config"], MultistrainKeys) is not { } map)
            return null;
        var sourcesNode = Required(map, "sources", Aggregation, "a list of sources, each with exp_id (and run_id, weight)");
        var sources = List(sourcesNode, Join(Aggregation, "sources"), ReadSource);
        if (sourcesNode is YamlSequenceNode { Children.Count: 0 })
            Error(sourcesNode, Join(Aggregation, "sources"), "expected at least one source");
        var method = Req(map, "method", Aggregation, "sum or weighted_sum", (n, f) => Choice(n, f, AggregationMethods), AggregationMethod.Sum);
        if (method.Value is AggregationMethod.Bootstrap or AggregationMethod.Correlated)
            NotSupported(Optional(map, "method")!, Join(Aggregation, "method"), $"'{ConfigNames.Of(method.Value)}' is declared by epymodelingsuite but not implemented there; use sum or weighted_sum");
        var samplingNode = Optional(map, "sampling");
        if (samplingNode is YamlMappingNode)
            NotSupported(samplingNode, Join(Aggregation, "sampling"), "the multistrain form with method and n_samples; write sampling: random");
        var sampling = (samplingNode is YamlMappingNode ? null : Opt(map, "sampling", Aggregation, Text)) ?? new Located<string>("random", At(map));
        if (sampling.Value != "random")
            NotSupported(Optional(map, "sampling")!, Join(Aggregation, "sampling"), $"'{sampling.Value}'; the one sampling is 'random'");
        if (Optional(map, "method_options") is { } options && Mapping(options, Join(Aggregation, "method_options"), null) is { } optionMap)
        {
            // epymodelingsuite names n_samples (for bootstrap) and reads none of them for sum.
            foreach (var key in optionMap.Children.Keys)
                NotSupported(key, Join(Join(Aggregation, "method_options"), (key as YamlScalarNode)?.Value ?? "?"));
        }
        var compartments = ReadAggregatedSelection(map, "compartments");
        var transitions = ReadAggregatedSelection(map, "transitions");
        if (!compartments.All && compartments.Names.Count == 0 && !transitions.All && transitions.Names.Count == 0)
            Error(map, Aggregation, "nothing to aggregate: set compartments or transitions to true or to a list of names");
        if (method.Value == AggregationMethod.Sum)
        {
            for (var i = 0; i < sources.Count; i++)
            {
                if (sources[i].Weight.Value != 1.0)
                    Error(sources[i].Weight.Span, $"{Aggregation}.sources[{i}].weight", "a weight other than 1 needs method: weighted_sum (sum adds the sources as they are)");
            }
        }
        return new AggregationConfig(
            Meta(map, Aggregation),
            sources,
            method,
            sampling,
            compartments,
            transitions,
            Req(map, "output_config", Aggregation, "the file name of an output config in this folder", Text, ""),
            At(map));
    }

    private AggregationSourceConfig? ReadSource(YamlNode node, string field)
    {
        if (Mapping(node, field, ["exp_id", "run_id", "weight"], MultistrainSourceKeys) is not { } map)
            return null;
        return new AggregationSourceConfig(
            Req(map, "exp_id", field, "the source experiment's id", Text, ""),
            Opt(map, "run_id", field, Text) ?? new Located<string>(AggregationSourceConfig.Latest, At(map)),
            Opt(map, "weight", field, Number) ?? new Located<double>(1.0, At(map)),
            At(map));
    }

    private OutputSelection ReadAggregatedSelection(YamlMappingNode map, string key) => ReadSelection(map, key, Aggregation);
}
