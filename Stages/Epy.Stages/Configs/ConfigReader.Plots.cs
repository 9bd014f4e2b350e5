using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>output.plots</c> section (and the older top-level <c>figure_output_types</c>).</summary>
internal sealed partial class ConfigReader
{
    private static readonly Dictionary<string, FigureOutputType?> FigureTypeNames = new(StringComparer.Ordinal)
    {
        ["PNG"] = FigureOutputType.Png,
        ["PDF"] = FigureOutputType.Pdf,
        ["SVG"] = FigureOutputType.Svg,
        ["MPLFigure"] = null,
    };

    private static readonly Dictionary<string, QuantilePlotKind> PlotKinds = new(StringComparer.Ordinal)
    {
        ["filtered"] = QuantilePlotKind.Filtered,
        ["full"] = QuantilePlotKind.Full,
        ["side_by_side"] = QuantilePlotKind.SideBySide,
    };

    private static readonly string[] DefaultCategories = ["large_decrease", "decrease", "stable", "increase", "large_increase"];
    private static readonly string[] DefaultCategoryColors = ["#476a6f", "#519e8a", "#b7c3f3", "#dd7596", "#cf1259"];

    private List<FigureOutputType> FigureTypes(YamlNode node, string field)
    {
        var types = new List<FigureOutputType>();
        foreach (var item in Texts(node, field))
        {
            if (!FigureTypeNames.TryGetValue(item.Value, out var type))
                Error(item.Span, field, $"unknown value '{item.Value}': expected one of {string.Join(", ", FigureTypeNames.Keys)}");
            else if (type is null)
                Error(item.Span, field, $"{NotSupportedYet} (MPLFigure is an in-memory matplotlib figure; a run writes files: PNG, PDF or SVG)");
            else if (!types.Contains(type.Value))
                types.Add(type.Value);
        }
        return types;
    }

    private PlotsConfig? ReadPlots(YamlNode node, string field, IReadOnlyList<FigureOutputType>? topLevelTypes, IReadOnlyList<SurveillanceSourceConfig> surveillance)
    {
        if (Mapping(node, field, ["figure_output_types", "dpi", "reference_date", "posterior", "quantiles", "categorical"]) is not { } map)
            return null;
        var types = Optional(map, "figure_output_types") is { } written ? FigureTypes(written, Join(field, "figure_output_types")) : topLevelTypes ?? [FigureOutputType.Png];
        var dpi = Opt(map, "dpi", field, Count)?.Value ?? 150;
        var (grid, bins) = Optional(map, "posterior") is { } posterior ? ReadPosteriorPlot(posterior, Join(field, "posterior")) : (false, 30);
        var quantiles = ReadQuantilesPlot(Optional(map, "quantiles"), Join(field, "quantiles"), surveillance, At(map));
        var categorical = Optional(map, "categorical") is { } c ? ReadCategorical(c, Join(field, "categorical")) : null;
        return new PlotsConfig(types, dpi, Req(map, "reference_date", field, "a date yyyy-MM-dd", Date, default).Value, grid, bins, quantiles, categorical, At(map));
    }

    private (bool Grid, int Bins) ReadPosteriorPlot(YamlNode node, string field)
    {
        if (Mapping(node, field, ["single", "grid", "bins"]) is not { } map)
            return (false, 30);
        if (Optional(map, "single") is { } single && !IsFalse(single))
            NotSupported(single, Join(field, "single"), "one posterior figure per location; the grid draws every location");
        return (Opt(map, "grid", field, Boolean)?.Value ?? false, Opt(map, "bins", field, Count)?.Value ?? 30);
    }

    private QuantilesPlotConfig ReadQuantilesPlot(YamlNode? node, string field, IReadOnlyList<SurveillanceSourceConfig> surveillance, SourceSpan parent)
    {
        var defaults = new QuantilesPlotConfig(true, 4, DefaultQuantilePlots(parent), [0.025, 0.25, 0.5, 0.75, 0.975], 3, "C1",
            new Located<string>("hospitalizations", parent), null, null);
        if (node is null)
            return defaults;
        string[] keys = ["single", "grid", "outputs", "quantiles", "horizon_max", "calibration", "projection", "value_column", "ylabel", "suptitle"];
        if (Mapping(node, field, keys) is not { } map)
            return defaults;
        if (Optional(map, "single") is { } single && !IsFalse(single))
            NotSupported(single, Join(field, "single"), "one quantile figure per location; the grid draws every location");
        var (gridEnabled, panelsPerRow) = Optional(map, "grid") is { } grid ? ReadQuantilesGrid(grid, Join(field, "grid")) : (true, 4);
        var outputs = Optional(map, "outputs") is { } written
            ? List(written, Join(field, "outputs"), (n, f) => ReadQuantilePlotOutput(n, f, surveillance))
            : DefaultQuantilePlots(At(map));
        foreach (var duplicate in outputs.GroupBy(o => o.Kind).Where(g => g.Count() > 1))
            Error(duplicate.Last().Span, Join(field, "outputs"), $"duplicate type '{PlotKinds.First(p => p.Value == duplicate.Key).Key}'; each type may appear once (it names one file)");
        if (gridEnabled && outputs.Any(o => o.Kind == QuantilePlotKind.SideBySide) && panelsPerRow % 2 != 0)
            Error(map, Join(field, "grid.panels_per_row"), "must be an even number ≥ 2 when a side_by_side output is drawn");
        var levels = Optional(map, "quantiles") is { } q
            ? Numbers(q, Join(field, "quantiles")).Select(l => Level(l, Join(field, "quantiles"), open: false)).ToList()
            : defaults.Levels;
        var horizon = map.Children.TryGetValue(new YamlScalarNode("horizon_max"), out var h) && IsNull(h) ? (int?)null : Opt(map, "horizon_max", field, (n, f) => Int32(n, f, 0))?.Value ?? 3;
        if (Optional(map, "calibration") is { } calibration)
            ReadColor(calibration, Join(field, "calibration"), "C0");
        var projectionColor = Optional(map, "projection") is { } projection ? ReadColor(projection, Join(field, "projection"), "C1") : "C1";
        return new QuantilesPlotConfig(gridEnabled, panelsPerRow, outputs, levels, horizon, projectionColor,
            Opt(map, "value_column", field, Text) ?? defaults.ValueColumn, Opt(map, "ylabel", field, Text)?.Value, Opt(map, "suptitle", field, Text)?.Value);
    }

    private (bool Enabled, int PanelsPerRow) ReadQuantilesGrid(YamlNode node, string field)
    {
        if (node is YamlScalarNode)
            return (Boolean(node, field)?.Value ?? true, 4);
        if (Mapping(node, field, ["enabled", "panels_per_row"]) is not { } map)
            return (true, 4);
        return (Opt(map, "enabled", field, Boolean)?.Value ?? true, Opt(map, "panels_per_row", field, Count)?.Value ?? 4);
    }

    /// <summary>The ribbon colour of <c>calibration</c> or <c>projection</c> (a mapping with <c>color</c>).</summary>
    private string ReadColor(YamlNode node, string field, string fallback)
    {
        if (node is YamlScalarNode)
        {
            Error(node, field, $"no longer accepts true/false: remove the key or write {{}} for true; for false set outputs[].show_{field[(field.LastIndexOf('.') + 1)..]}: false");
            return fallback;
        }
        if (Mapping(node, field, ["color"]) is not { } map || Opt(map, "color", field, Text) is not { } color)
            return fallback;
        if (!Outputs.PlotColors.TryParse(color.Value, out _))
            Error(color.Span, Join(field, "color"), $"unknown colour '{color.Value}': expected C0…C9, #rrggbb or a basic colour name");
        return color.Value;
    }

    private static List<QuantilePlotOutputConfig> DefaultQuantilePlots(SourceSpan span) =>
    [
        new(QuantilePlotKind.Filtered, true, true, true, null, 8, null, null, null, null, span),
        new(QuantilePlotKind.Full, true, true, true, null, null, null, null, null, null, span),
        new(QuantilePlotKind.SideBySide, true, true, true, null, null, null, null, null, null, span),
    ];

    private QuantilePlotOutputConfig? ReadQuantilePlotOutput(YamlNode node, string field, IReadOnlyList<SurveillanceSourceConfig> surveillance)
    {
        string[] keys = ["type", "show_calibration", "show_projection", "show_surveillance", "show_fitting_window_line", "surveillance_source",
            "surveillance_points", "surveillance_start_date", "horizon_max", "full_panel", "filtered_panel", "spacing"];
        if (Mapping(node, field, keys, unsupported: ["xlabel_interval", "figsize"]) is not { } map)
            return null;
        if (Opt(map, "show_calibration", field, Boolean) is { Value: true } calibration)
            Error(calibration.Span, Join(field, "show_calibration"), $"{NotSupportedYet} (calibration-period quantile ribbons)");
        if (Optional(map, "spacing") is { } spacing)
            NonNegative(spacing, Join(field, "spacing"));
        var source = Opt(map, "surveillance_source", field, Text);
        if (source is not null)
            Source(source, Join(field, "surveillance_source"), surveillance);
        var (points, start) = SurveillanceWindow(map, field);
        return new QuantilePlotOutputConfig(
            Req(map, "type", field, "filtered, full or side_by_side", (n, f) => Choice(n, f, PlotKinds), QuantilePlotKind.Filtered).Value,
            Opt(map, "show_projection", field, Boolean)?.Value ?? true,
            Opt(map, "show_surveillance", field, Boolean)?.Value ?? true,
            Opt(map, "show_fitting_window_line", field, Boolean)?.Value ?? true,
            source, points, start,
            Opt(map, "horizon_max", field, (n, f) => Int32(n, f, 0))?.Value,
            Optional(map, "full_panel") is { } full ? ReadPanel(full, Join(field, "full_panel")) : null,
            Optional(map, "filtered_panel") is { } filtered ? ReadPanel(filtered, Join(field, "filtered_panel")) : null,
            At(map));
    }

    private (int? Points, DateOnly? Start) SurveillanceWindow(YamlMappingNode map, string field) =>
        (Opt(map, "surveillance_points", field, (n, f) => Int32(n, f, 0))?.Value, Opt(map, "surveillance_start_date", field, Date)?.Value);

    private SideBySidePanelConfig? ReadPanel(YamlNode node, string field)
    {
        if (Mapping(node, field, ["surveillance_points", "surveillance_start_date"], unsupported: ["xlabel_interval"]) is not { } map)
            return null;
        var (points, start) = SurveillanceWindow(map, field);
        return new SideBySidePanelConfig(points, start);
    }

    private CategoricalPlotConfig? ReadCategorical(YamlNode node, string field)
    {
        if (Mapping(node, field, ["categories", "colors", "horizons"], unsupported: ["figsize"]) is not { } map)
            return null;
        var categories = Optional(map, "categories") is { } c ? Texts(c, Join(field, "categories")) : [.. DefaultCategories.Select(n => new Located<string>(n, At(map)))];
        foreach (var category in categories.Where(c => !DefaultCategories.Contains(c.Value)))
            Error(category.Span, Join(field, "categories"), $"unknown category '{category.Value}': expected some of {string.Join(", ", DefaultCategories)}");
        var colors = Optional(map, "colors") is { } written ? Texts(written, Join(field, "colors")) : null;
        foreach (var color in colors ?? [])
        {
            if (!Outputs.PlotColors.TryParse(color.Value, out _))
                Error(color.Span, Join(field, "colors"), $"unknown colour '{color.Value}': expected C0…C9, #rrggbb or a basic colour name");
        }
        var colorNames = colors?.Select(c => c.Value).ToList() ?? [.. DefaultCategoryColors];
        if (colorNames.Count != categories.Count)
            Error(map, Join(field, "colors"), $"colors list length ({colorNames.Count}) must match categories list length ({categories.Count})");
        var horizons = Optional(map, "horizons") is { } h
            ? List(h, Join(field, "horizons"), (n, f) => Int32(n, f, -1) is { } value && CheckHorizon(value, f) ? value : null).Select(v => v.Value).ToList()
            : [0, 1, 2, 3];
        return new CategoricalPlotConfig(categories, colorNames, horizons, At(map));
    }

    private bool CheckHorizon(Located<int> horizon, string field)
    {
        if (horizon.Value <= 3)
            return true;
        Error(horizon.Span, field, $"{horizon.Value} is out of range: rate trends are forecast for horizons 0 to 3");
        return false;
    }
}
