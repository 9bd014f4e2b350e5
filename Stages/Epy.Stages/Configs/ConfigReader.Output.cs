using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>output</c> section.</summary>
internal sealed partial class ConfigReader
{
    private const string Output = "output";

    private OutputConfig? ReadOutput(YamlNode node)
    {
        if (Mapping(node, Output, ["meta", "quantiles", "trajectories", "posteriors", "flusight_format", "model_meta"]) is not { } map)
            return null;
        return new OutputConfig(
            Meta(map, Output),
            Optional(map, "quantiles") is { } quantiles ? ReadSeries(quantiles, "output.quantiles") : null,
            Optional(map, "trajectories") is { } trajectories ? ReadSeries(trajectories, "output.trajectories") : null,
            Optional(map, "posteriors") is { } posteriors ? ReadPosteriors(posteriors, "output.posteriors") : null,
            Optional(map, "flusight_format") is { } flusight ? ReadFlusight(flusight, "output.flusight_format") : null,
            Optional(map, "model_meta") is { } meta ? ReadModelMeta(meta, "output.model_meta") : null,
            At(map));
    }

    private OutputSeriesConfig? ReadSeries(YamlNode node, string field) =>
        Mapping(node, field, ["compartments", "transitions"]) is { } map
            ? new OutputSeriesConfig(ReadSelection(map, "compartments", field), ReadSelection(map, "transitions", field), At(map))
            : null;

    private OutputSelection ReadSelection(YamlMappingNode map, string key, string field)
    {
        var node = Optional(map, key);
        if (node is null)
            return OutputSelection.None(At(map));
        if (node is YamlSequenceNode)
            return new OutputSelection(false, Texts(node, Join(field, key)), At(node));
        return Boolean(node, Join(field, key)) is { } all
            ? new OutputSelection(all.Value, [], all.Span)
            : OutputSelection.None(At(node));
    }

    private PosteriorsConfig? ReadPosteriors(YamlNode node, string field)
    {
        if (node is YamlScalarNode)
            return Boolean(node, field) is { } enabled ? new PosteriorsConfig(enabled.Value, [], enabled.Span) : null;
        if (Mapping(node, field, ["generations"]) is not { } map)
            return null;
        var generations = List<Located<int>>(Optional(map, "generations"), Join(field, "generations"), (n, f) => Int32(n, f, 0));
        return new PosteriorsConfig(true, generations, At(map));
    }

    private FlusightFormatConfig? ReadFlusight(YamlNode node, string field)
    {
        if (Mapping(node, field, ["reference_date", "rate_trends"]) is not { } map)
            return null;
        return new FlusightFormatConfig(
            Req(map, "reference_date", field, "a date yyyy-MM-dd", Date, default),
            Optional(map, "rate_trends") is { } trends ? ReadRateTrends(trends, Join(field, "rate_trends")) : null,
            At(map));
    }

    private RateTrendsConfig? ReadRateTrends(YamlNode node, string field)
    {
        if (Mapping(node, field, ["observed_data_path", "observed_value_column", "observed_date_column", "observed_location_column"]) is not { } map)
            return null;
        const string Column = "a column name of the observed CSV";
        return new RateTrendsConfig(
            Req(map, "observed_data_path", field, "the path of the observed CSV", Text, ""),
            Req(map, "observed_value_column", field, Column, Text, ""),
            Req(map, "observed_date_column", field, Column, Text, ""),
            Req(map, "observed_location_column", field, Column, Text, ""),
            At(map));
    }

    private ModelMetaConfig? ReadModelMeta(YamlNode node, string field) =>
        Mapping(node, field, ["projection_parameters"]) is { } map
            ? new ModelMetaConfig(Opt(map, "projection_parameters", field, Boolean) ?? new Located<bool>(false, At(map)), At(map))
            : null;
}
