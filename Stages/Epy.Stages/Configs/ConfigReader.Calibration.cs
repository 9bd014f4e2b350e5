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
        if (Mapping(node, field, CalibrationKeys, ["post_hoc_transformation"]) is not { } map)
            return null;
        var span = At(map);
        var strategy = Required(map, "strategy", field, "a mapping with name (rejection, top_fraction or smc) and options") is { } s
            ? ReadStrategy(s, Join(field, "strategy")) : null;
        var distance = ReadDistanceFunction(map, field) ?? new Located<string>(Distances.DefaultName, span);
        var comparisonNode = Required(map, "comparison", field, "a list of observed columns and simulated transitions");
        var comparison = List(comparisonNode, Join(field, "comparison"), ReadComparison);
        if (comparisonNode is YamlSequenceNode { Children.Count: 0 })
            Error(comparisonNode, Join(field, "comparison"), "expected at least one comparison");
        if (comparisonNode is YamlSequenceNode { Children.Count: > 1 } entries)
        {
            for (var i = 1; i < entries.Children.Count; i++)
                Error(entries.Children[i], $"{Join(field, "comparison")}[{i}]", ComparisonConfig.OnlyOne);
        }
        var window = Required(map, "fitting_window", field, "a mapping with start_date and end_date") is { } w
            ? ReadFittingWindow(w, Join(field, "fitting_window")) : null;
        var start = Optional(map, "start_date") is { } startNode ? ReadDatePrior(startNode, Join(field, "start_date"), "prior") : null;
        var compartments = Named(Optional(map, "compartments"), Join(field, "compartments"), ReadCalibratedQuantity);
        var parameters = Named(Optional(map, "parameters"), Join(field, "parameters"), ReadCalibratedQuantity);
        if (start is null && compartments.Count == 0 && parameters.Count == 0 && Optional(map, "compartments") is null && Optional(map, "parameters") is null)
            Error(map, field, "a calibration needs at least one of start_date, parameters or compartments to calibrate");
        if (start is not null && window is not null)
            CheckStartWithinWindow(start, window, Join(field, "start_date"));
        return new CalibrationConfig(
            strategy ?? new StrategyConfig(new Located<string>("", span), new Dictionary<string, Located<ConfigScalar>>(), span),
            distance,
            Req(map, "observed_data_path", field, "the path of the observed CSV", Text, ""),
            comparison,
            window,
            start,
            compartments,
            parameters,
            Optional(map, "projection") is { } projection ? ReadProjection(projection, Join(field, "projection")) : null,
            span);
    }

    /// <summary>
    /// <c>distance_function</c>: one of epydemix's distances by name (rmse when not written). A user-defined
    /// function (a mapping naming a Python script) and <c>ae</c> (epydemix's absolute error, a series rather
    /// than one distance, which ABC cannot compare with ε) are refused as not supported yet.
    /// </summary>
    private Located<string>? ReadDistanceFunction(YamlMappingNode map, string field)
    {
        var key = Join(field, "distance_function");
        if (Optional(map, "distance_function") is not { } node)
            return null;
        if (node is YamlMappingNode)
        {
            NotSupported(node, key, "a user-defined distance function runs Python code; name one of rmse, mae, mape, wmape");
            return null;
        }
        if (Text(node, key) is not { } distance)
            return null;
        if (string.Equals(distance.Value.Trim(), "ae", StringComparison.Ordinal))
        {
            NotSupported(node, key, "ae, epydemix's absolute error, is a series rather than one distance");
            return null;
        }
        Check(() => Distances.Resolve(distance.Value, key), distance.Span);
        return distance;
    }

    /// <summary>
    /// epymodelingsuite's check that a calibrated start date cannot fall after the fitting window's end:
    /// for randint(low, high) the latest offset is high − 1, for uniform(loc, scale) ⌊loc + scale⌋ (other
    /// distributions are not checked there either).
    /// </summary>
    private void CheckStartWithinWindow(DatePriorConfig start, FittingWindowConfig window, string field)
    {
        var prior = start.Distribution;
        if (prior.Args.Count < 2 || start.ReferenceDate.Value == default || window.EndDate.Value == default)
            return;
        double? latest = prior.Name.Value switch
        {
            "randint" => Math.Truncate(prior.Args[1].Value) - 1,
            "uniform" => Math.Truncate(prior.Args[0].Value + prior.Args[1].Value),
            _ => null,
        };
        if (latest is not { } days || Math.Abs(days) > 36_500)
            return;
        var last = start.ReferenceDate.Value.AddDays((int)days);
        if (last > window.EndDate.Value)
        {
            Error(prior.Span, Join(field, "prior"),
                $"the start date could be as late as {last:yyyy-MM-dd} ({start.ReferenceDate.Value:yyyy-MM-dd} + {days} days), after the fitting window's end {window.EndDate.Value:yyyy-MM-dd}: lower the prior's upper bound or extend the window");
        }
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
        // epydemix's perturbation kernels are Python objects (run_smc's perturbations): nothing a YAML value can build here.
        if (options is YamlMappingNode withKernels && withKernels.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: StrategyConfig.Perturbations }) is { } kernels)
            NotSupported(kernels, Join(optionsField, StrategyConfig.Perturbations), "custom perturbation kernels; the default kernels are used when it is not written");
        return new StrategyConfig(name, Scalars(options, optionsField, StrategyConfig.EpsilonSchedule, StrategyConfig.Perturbations), At(map), schedule);
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
        if (start.Value != default && end.Value != default && end.Value <= start.Value)
            Error(end.Span, Join(field, "end_date"), $"end_date {end.Value:yyyy-MM-dd} must be after start_date {start.Value:yyyy-MM-dd}");
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
        Mapping(node, field, ["n_trajectories", "generation_number"]) is { } map
            ? new ProjectionConfig(
                Req(map, "n_trajectories", field, "a whole number ≥ 1", Count, 1),
                Opt(map, "generation_number", field, (n, f) => Int32(n, f, 0)),
                At(map))
            : null;
}
