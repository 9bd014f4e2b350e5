using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>output</c> section.</summary>
internal sealed partial class ConfigReader
{
    private const string Output = "output";

    private static readonly string[] OutputKeys =
        ["meta", "tabular_output_types", "figure_output_types", "options", "quantiles", "trajectories", "posteriors", "flusight_format", "model_meta", "plots"];

    // Hub formats epymodelingsuite declares (empty specifications there) that this program does not write.
    private static readonly string[] UnsupportedOutputKeys = ["covid19_format", "flusmh_format"];

    private static readonly Dictionary<string, TabularOutputType?> TabularTypes = new(StringComparer.Ordinal)
    {
        ["CSVBytes"] = TabularOutputType.CsvGz,
        ["Parquet"] = TabularOutputType.Parquet,
        ["DataFrame"] = null,
    };

    private OutputConfig? ReadOutput(YamlNode node)
    {
        if (Mapping(node, Output, OutputKeys, UnsupportedOutputKeys) is not { } map)
            return null;
        var surveillance = Optional(map, "options") is { } options ? ReadOutputOptions(options, "output.options") : [];
        var figureTypes = Optional(map, "figure_output_types") is { } figures ? FigureTypes(figures, "output.figure_output_types") : null;
        return new OutputConfig(
            Meta(map, Output),
            Optional(map, "quantiles") is { } quantiles ? ReadSeries(quantiles, "output.quantiles", isQuantiles: true) : null,
            Optional(map, "trajectories") is { } trajectories ? ReadSeries(trajectories, "output.trajectories", isQuantiles: false) : null,
            Optional(map, "posteriors") is { } posteriors ? ReadPosteriors(posteriors, "output.posteriors") : null,
            Optional(map, "flusight_format") is { } flusight ? ReadFlusight(flusight, "output.flusight_format", surveillance) : null,
            Optional(map, "model_meta") is { } meta ? ReadModelMeta(meta, "output.model_meta") : null,
            At(map))
        {
            TabularOutputTypes = Optional(map, "tabular_output_types") is { } tables ? TableTypes(tables, "output.tabular_output_types") : [TabularOutputType.CsvGz],
            Surveillance = surveillance,
            Plots = Optional(map, "plots") is { } plots ? ReadPlots(plots, "output.plots", figureTypes, surveillance) : null,
        };
    }

    private List<TabularOutputType> TableTypes(YamlNode node, string field)
    {
        var types = new List<TabularOutputType>();
        foreach (var item in Texts(node, field))
        {
            if (!TabularTypes.TryGetValue(item.Value, out var type))
                Error(item.Span, field, $"unknown value '{item.Value}': expected one of {string.Join(", ", TabularTypes.Keys)}");
            else if (type is null)
                Error(item.Span, field, $"{NotSupportedYet} (DataFrame is an in-memory pandas table; a run writes files: CSVBytes for .csv.gz, Parquet for .parquet)");
            else if (!types.Contains(type.Value))
                types.Add(type.Value);
        }
        return types;
    }

    private OutputSeriesConfig? ReadSeries(YamlNode node, string field, bool isQuantiles)
    {
        string[] keys = isQuantiles ? ["selections", "compartments", "transitions", "calibration"] : ["compartments", "transitions"];
        if (Mapping(node, field, keys) is not { } map)
            return null;
        if (isQuantiles && Optional(map, "calibration") is { } calibration && !IsFalse(calibration))
            NotSupported(calibration, Join(field, "calibration"), "quantiles of the calibration's comparison target");
        var levels = isQuantiles && Optional(map, "selections") is { } selections
            ? Numbers(selections, Join(field, "selections")).Select(level => Level(level, Join(field, "selections"), open: true)).ToList()
            : null;
        return new OutputSeriesConfig(ReadSelection(map, "compartments", field), ReadSelection(map, "transitions", field), At(map)) { Levels = levels };
    }

    /// <summary>A quantile level: in (0, 1) when <paramref name="open"/> (output.quantiles), else in [0, 1] (plots).</summary>
    private double Level(Located<double> level, string field, bool open)
    {
        var inside = open ? level.Value is > 0 and < 1 : level.Value is >= 0 and <= 1;
        if (!inside)
            Error(level.Span, field, $"quantile {level.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is out of range: expected a level in {(open ? "(0, 1)" : "[0, 1]")}");
        return level.Value;
    }

    private static bool IsFalse(YamlNode node) => node is YamlScalarNode { Value: { } value } && string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

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

    private ModelMetaConfig? ReadModelMeta(YamlNode node, string field) =>
        Mapping(node, field, ["projection_parameters"]) is { } map
            ? new ModelMetaConfig(Opt(map, "projection_parameters", field, Boolean) ?? new Located<bool>(false, At(map)), At(map))
            : null;

    private IReadOnlyList<SurveillanceSourceConfig> ReadOutputOptions(YamlNode node, string field)
    {
        if (Mapping(node, field, ["surveillance"]) is not { } map)
            return [];
        return Named(Optional(map, "surveillance"), Join(field, "surveillance"), ReadSurveillanceSource);
    }

    private SurveillanceSourceConfig? ReadSurveillanceSource(Located<string> name, YamlNode node, string field)
    {
        if (Mapping(node, field, ["data_path", "value_column", "date_column", "location_column", "location_format"]) is not { } map)
            return null;
        if (Opt(map, "location_format", field, Text) is { Value: not "ISO" } format)
            Error(format.Span, Join(field, "location_format"), $"{NotSupportedYet} ('{format.Value}': observed locations are read as ISO 3166 codes, location_format: ISO)");
        const string Column = "a column name of the observed CSV";
        return new SurveillanceSourceConfig(
            name,
            Req(map, "data_path", field, "the path of the observed CSV", Text, ""),
            Req(map, "value_column", field, Column, Text, ""),
            Req(map, "date_column", field, Column, Text, ""),
            Req(map, "location_column", field, Column, Text, ""),
            At(map));
    }

    /// <summary>The source <paramref name="name"/> names among <c>options.surveillance</c>; null after an error.</summary>
    private SurveillanceSourceConfig? Source(Located<string> name, string field, IReadOnlyList<SurveillanceSourceConfig> sources)
    {
        var source = sources.FirstOrDefault(s => s.Name.Value == name.Value);
        if (source is null)
        {
            var known = sources.Count == 0 ? "no surveillance sources are defined in output.options.surveillance" : $"defined sources: {string.Join(", ", sources.Select(s => s.Name.Value))}";
            Error(name.Span, field, $"unknown surveillance source '{name.Value}'; {known}");
        }
        return source;
    }
}
