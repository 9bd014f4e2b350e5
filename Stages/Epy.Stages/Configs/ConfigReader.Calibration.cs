using Epy.Engine;
using Epy.Engine.Calibration;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>modelset.calibration</c> section.</summary>
internal sealed partial class ConfigReader
{
    private static readonly string[] CalibrationKeys =
        ["strategy", "distance_function", "observed_data_path", "comparison", "fitting_window", "start_date",
         "compartments", "parameters", "projection"];

    private CalibrationConfig? ReadCalibration(YamlNode node, string field)
    {
        if (Mapping(node, field, CalibrationKeys) is not { } map)
            return null;
        var span = At(map);
        var strategy = Required(map, "strategy", field, "a mapping with name (rejection, top_fraction or smc) and options") is { } s
            ? ReadStrategy(s, Join(field, "strategy")) : null;
        var distance = Opt(map, "distance_function", field, Text) ?? new Located<string>(Distances.DefaultName, span);
        Check(() => Distances.Resolve(distance.Value, Join(field, "distance_function")), distance.Span);
        var comparisonNode = Required(map, "comparison", field, "a list of observed columns and simulated transitions");
        var comparison = List(comparisonNode, Join(field, "comparison"), ReadComparison);
        if (comparisonNode is YamlSequenceNode { Children.Count: 0 })
            Error(comparisonNode, Join(field, "comparison"), "expected at least one comparison");
        if (comparisonNode is YamlSequenceNode { Children.Count: > 1 } entries)
        {
            for (var i = 1; i < entries.Children.Count; i++)
                Error(entries.Children[i], $"{Join(field, "comparison")}[{i}]", ComparisonConfig.OnlyOne);
        }
        return new CalibrationConfig(
            strategy ?? new StrategyConfig(new Located<string>("", span), new Dictionary<string, Located<ConfigScalar>>(), span),
            distance,
            Req(map, "observed_data_path", field, "the path of the observed CSV", Text, ""),
            comparison,
            Optional(map, "fitting_window") is { } window ? ReadFittingWindow(window, Join(field, "fitting_window")) : null,
            Optional(map, "start_date") is { } start ? ReadDatePrior(start, Join(field, "start_date"), "prior") : null,
            Named(Optional(map, "compartments"), Join(field, "compartments"), ReadCalibratedQuantity),
            Named(Optional(map, "parameters"), Join(field, "parameters"), ReadCalibratedQuantity),
            Optional(map, "projection") is { } projection ? ReadProjection(projection, Join(field, "projection")) : null,
            span);
    }

    private void Check(Action validate, SourceSpan span)
    {
        try
        {
            validate();
        }
        catch (ModelValidationException exception)
        {
            Error(span, exception.Field, exception.Reason);
        }
    }

    private StrategyConfig? ReadStrategy(YamlNode node, string field)
    {
        if (Mapping(node, field, ["name", "options"]) is not { } map)
            return null;
        var name = Req(map, "name", field, "rejection, top_fraction or smc", Text, "");
        if (name.Value.Length > 0)
            Check(() => AbcStrategyNames.Parse(name.Value, Join(field, "name")), name.Span);
        var options = Optional(map, "options");
        var optionsField = Join(field, "options");
        Located<IReadOnlyList<Located<double>>>? schedule = null;
        if (options is YamlMappingNode optionsMap && Optional(optionsMap, StrategyConfig.EpsilonSchedule) is { } list)
        {
            var scheduleField = Join(optionsField, StrategyConfig.EpsilonSchedule);
            if (list is YamlSequenceNode { Children.Count: 0 })
                Error(list, scheduleField, "expected at least one ε, one per generation");
            schedule = new Located<IReadOnlyList<Located<double>>>(List(list, scheduleField, Threshold), At(list));
        }
        return new StrategyConfig(name, Scalars(options, optionsField, StrategyConfig.EpsilonSchedule), At(map), schedule);
    }

    private ComparisonConfig? ReadComparison(YamlNode node, string field)
    {
        if (Mapping(node, field, ["observed_date_column", "observed_value_column", "observed_location_column", "observed_location_format", "simulation"]) is not { } map)
            return null;
        var simulationNode = Required(map, "simulation", field, "a list of transitions such as Home_sev_to_Hosp_total");
        var simulation = Texts(simulationNode, Join(field, "simulation"));
        if (simulationNode is YamlSequenceNode { Children.Count: 0 })
            Error(simulationNode, Join(field, "simulation"), "expected at least one transition");
        return new ComparisonConfig(
            Req(map, "observed_date_column", field, "a column name of the observed CSV", Text, ""),
            Req(map, "observed_value_column", field, "a column name of the observed CSV", Text, ""),
            Opt(map, "observed_location_column", field, Text),
            simulation,
            At(map),
            Opt(map, "observed_location_format", field, LocationFormatChoice));
    }

    private FittingWindowConfig? ReadFittingWindow(YamlNode node, string field)
    {
        if (Mapping(node, field, ["start_date", "end_date"]) is not { } map)
            return null;
        var start = Req(map, "start_date", field, "a date yyyy-MM-dd", Date, default);
        var end = Req(map, "end_date", field, "a date yyyy-MM-dd", Date, default);
        if (start.Value != default && end.Value != default && end.Value < start.Value)
            Error(end.Span, Join(field, "end_date"), $"end_date {end.Value:yyyy-MM-dd} is before start_date {start.Value:yyyy-MM-dd}");
        return new FittingWindowConfig(start, end, At(map));
    }

    private CalibratedQuantityConfig? ReadCalibratedQuantity(Located<string> name, YamlNode node, string field)
    {
        if (Mapping(node, field, ["prior"]) is not { } map)
            return null;
        var prior = Required(map, "prior", field, "a scipy distribution (type, name, args, kwargs)") is { } p
            ? ReadDistribution(p, Join(field, "prior")) : null;
        return new CalibratedQuantityConfig(name, prior ?? PlaceholderDistribution(At(map)), At(map));
    }

    private ProjectionConfig? ReadProjection(YamlNode node, string field) =>
        Mapping(node, field, ["n_trajectories", "end_date"]) is { } map
            ? new ProjectionConfig(Req(map, "n_trajectories", field, "a whole number ≥ 1", Count, 1), Opt(map, "end_date", field, Date), At(map))
            : null;
}
