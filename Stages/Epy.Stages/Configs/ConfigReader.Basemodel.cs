using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>model</c> section.</summary>
internal sealed partial class ConfigReader
{
    private const string Model = "model";

    private static readonly string[] ModelKeys =
        ["meta", "name", "random_seed", "timespan", "simulation", "population", "compartments", "transitions",
         "parameters", "vaccination", "seasonality", "interventions"];

    private static readonly Dictionary<string, TransitionKind> TransitionKinds = new(StringComparer.Ordinal)
    {
        ["spontaneous"] = TransitionKind.Spontaneous,
        ["mediated"] = TransitionKind.Mediated,
        ["multi_mediated"] = TransitionKind.MultiMediated,
        ["vaccination"] = TransitionKind.Vaccination,
    };

    private static readonly Dictionary<string, ParameterKind> ParameterKinds = new(StringComparer.Ordinal)
    {
        ["scalar"] = ParameterKind.Scalar,
        ["age_varying"] = ParameterKind.AgeVarying,
        ["sampled"] = ParameterKind.Sampled,
        ["calibrated"] = ParameterKind.Calibrated,
        ["calculated"] = ParameterKind.Calculated,
    };

    private BasemodelConfig? ReadBasemodel(YamlNode node)
    {
        if (Mapping(node, Model, ModelKeys) is not { } map)
            return null;
        var span = At(map);
        return new BasemodelConfig(
            Meta(map, Model),
            Opt(map, "name", Model, Text),
            Opt(map, "random_seed", Model, (n, f) => Integer(n, f, 0)),
            Required(map, "timespan", Model, "a mapping with start_date and end_date") is { } timespan
                ? ReadTimespan(timespan, "model.timespan") ?? PlaceholderTimespan(span) : PlaceholderTimespan(span),
            Optional(map, "simulation") is { } simulation ? ReadSimulation(simulation, "model.simulation") : null,
            Required(map, "population", Model, "a mapping with age_groups") is { } population
                ? ReadPopulation(population, "model.population") : new PopulationConfig(null, [], span),
            List(Required(map, "compartments", Model, "a list of compartments with id"), "model.compartments", ReadCompartment),
            List(Optional(map, "transitions"), "model.transitions", ReadTransition),
            Named(Optional(map, "parameters"), "model.parameters", ReadParameter),
            Optional(map, "vaccination") is { } vaccination ? ReadVaccination(vaccination, "model.vaccination") : null,
            Optional(map, "seasonality") is { } seasonality ? ReadSeasonality(seasonality, "model.seasonality") : null,
            ReadInterventions(Optional(map, "interventions")),
            span);
    }

    private static TimespanConfig PlaceholderTimespan(SourceSpan span) =>
        new(new DateSetting(DateSettingKind.Fixed, null, span), new Located<DateOnly>(default, span), new Located<double>(1, span), span);

    private TimespanConfig? ReadTimespan(YamlNode node, string field)
    {
        if (Mapping(node, field, ["start_date", "end_date", "delta_t"]) is not { } map)
            return null;
        var start = Required(map, "start_date", field, "a date yyyy-MM-dd, sampled or calibrated") is { } startNode
            ? ReadDateSetting(startNode, Join(field, "start_date"))
            : null;
        return new TimespanConfig(
            start ?? new DateSetting(DateSettingKind.Fixed, null, At(map)),
            Req(map, "end_date", field, "a date yyyy-MM-dd", Date, default),
            Opt(map, "delta_t", field, Positive) ?? new Located<double>(1.0, At(map)),
            At(map));
    }

    private DateSetting? ReadDateSetting(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: "sampled" })
            return new DateSetting(DateSettingKind.Sampled, null, At(node));
        if (node is YamlScalarNode { Value: "calibrated" })
            return new DateSetting(DateSettingKind.Calibrated, null, At(node));
        if (node is YamlScalarNode { Value: { } value } &&
            DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateSetting(DateSettingKind.Fixed, date, At(node));
        }
        Error(node, field, $"expected a date written {DateFormat}, sampled or calibrated, found {Describe(node)}");
        return null;
    }

    private SimulationConfig? ReadSimulation(YamlNode node, string field) =>
        Mapping(node, field, ["n_sims", "resample_frequency"]) is { } map
            ? new SimulationConfig(Opt(map, "n_sims", field, Count), Opt(map, "resample_frequency", field, ResampleRule), At(map))
            : null;

    private PopulationConfig ReadPopulation(YamlNode node, string field)
    {
        if (Mapping(node, field, ["name", "age_groups", "location_type", "contact_matrix"]) is not { } map)
            return new PopulationConfig(null, [], At(node));
        if (Optional(map, "location_type") is { } locationType && Text(locationType, Join(field, "location_type")) is { } type)
        {
            if (type.Value == "metrocast_location")
                NotSupported(locationType, Join(field, "location_type"), "metrocast locations need metrocast population data; use iso");
            else if (type.Value != "iso")
                Error(locationType, Join(field, "location_type"), $"unknown value '{type.Value}': expected one of iso, metrocast_location");
        }
        var groups = Texts(Required(map, "age_groups", field, "a list of age groups such as 0-4, 5-17, 65+"), Join(field, "age_groups"));
        foreach (var duplicate in groups.GroupBy(group => group.Value, StringComparer.Ordinal).Where(g => g.Count() > 1))
            Error(duplicate.Last().Span, Join(field, "age_groups"), $"age group '{duplicate.Key}' is listed more than once");
        return new PopulationConfig(Opt(map, "name", field, Text), groups, At(map), Opt(map, "contact_matrix", field, Text));
    }

    private CompartmentConfig? ReadCompartment(YamlNode node, string field)
    {
        if (Mapping(node, field, ["id", "label", "init"]) is not { } map)
            return null;
        var init = Optional(map, "init") is { } initNode
            ? ReadInit(initNode, Join(field, "init"))
            : new CompartmentInit(CompartmentInitKind.None, null, [], At(map));
        return new CompartmentConfig(Req(map, "id", field, "the compartment's identifier", Text, ""), Opt(map, "label", field, Text), init, At(map));
    }

    private CompartmentInit ReadInit(YamlNode node, string field)
    {
        const string Expected = "default, sampled, calibrated, a number ≥ 0 (≥ 1 a head count, below 1 a proportion) or a list with one such number per age group";
        var span = At(node);
        switch (node)
        {
            case YamlScalarNode { Value: "default" }:
                return new CompartmentInit(CompartmentInitKind.Default, null, [], span);
            case YamlScalarNode { Value: "sampled" }:
                return new CompartmentInit(CompartmentInitKind.Sampled, null, [], span);
            case YamlScalarNode { Value: "calibrated" }:
                return new CompartmentInit(CompartmentInitKind.Calibrated, null, [], span);
            case YamlSequenceNode:
                var values = List(node, field, (item, itemField) => Number(item, itemField, v => v >= 0, "a number ≥ 0 (≥ 1 a head count, below 1 a proportion of the age group)"));
                return new CompartmentInit(CompartmentInitKind.PerAgeGroup, null, values, span);
            case YamlScalarNode { Value: { } text } when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value):
                if (value >= 0 && value < 1)
                    return new CompartmentInit(CompartmentInitKind.Proportion, value, [], span);
                if (value >= 1)
                    return new CompartmentInit(CompartmentInitKind.Count, value, [], span);
                Error(node, field, $"{text} is out of range: expected {Expected}");
                break;
            default:
                Error(node, field, $"expected {Expected}, found {Describe(node)}");
                break;
        }
        return new CompartmentInit(CompartmentInitKind.None, null, [], span);
    }

    private TransitionConfig? ReadTransition(YamlNode node, string field)
    {
        if (Mapping(node, field, ["type", "source", "target", "mediator", "rate", "mediators"]) is not { } map)
            return null;
        var kind = Required(map, "type", field, "spontaneous, mediated, multi_mediated or vaccination") is { } typeNode
            ? Choice(typeNode, Join(field, "type"), TransitionKinds)?.Value
            : null;
        var mediator = Opt(map, "mediator", field, Text);
        var rate = Opt(map, "rate", field, Expression);
        var mediatorsNode = Optional(map, "mediators");
        var mediators = List(mediatorsNode, Join(field, "mediators"), ReadMediator);
        // Kind-specific checks only when the kind is known: a bad type is one error, not three.
        var kindName = kind is { } known ? ConfigNames.Of(known) : "";
        if (kind == TransitionKind.Mediated && mediator is null)
            Error(map, Join(field, "mediator"), "missing required field 'mediator': a mediated transition names the compartment that infects");
        if (kind is TransitionKind.Spontaneous or TransitionKind.Vaccination or TransitionKind.MultiMediated && mediator is not null)
            Error(mediator.Span, Join(field, "mediator"), $"only mediated transitions take a mediator; this one is {kindName}");
        if (kind is TransitionKind.Spontaneous or TransitionKind.Mediated && rate is null)
            Error(map, Join(field, "rate"), "missing required field 'rate': expected a number or an expression over parameters");
        if (kind is TransitionKind.Vaccination or TransitionKind.MultiMediated && rate is not null)
            Error(rate.Span, Join(field, "rate"), $"a {kindName} transition takes no 'rate'{(kind == TransitionKind.MultiMediated ? " (each of its mediators has one)" : "")}");
        if (kind == TransitionKind.MultiMediated && mediatorsNode is null)
            Error(map, Join(field, "mediators"), "missing required field 'mediators': a multi_mediated transition lists {rate, source: [compartments]} entries");
        if (kind is not null and not TransitionKind.MultiMediated && mediatorsNode is not null)
            Error(mediatorsNode, Join(field, "mediators"), $"only multi_mediated transitions take 'mediators'; this one is {kindName}");
        return new TransitionConfig(kind ?? TransitionKind.Spontaneous, Req(map, "source", field, "a compartment id", Text, ""),
            Req(map, "target", field, "a compartment id", Text, ""), mediator, rate, At(map), mediators);
    }

    private MediatorConfig? ReadMediator(YamlNode node, string field)
    {
        if (Mapping(node, field, ["rate", "source"]) is not { } map)
            return null;
        var sources = Texts(Required(map, "source", field, "a list of compartment ids"), Join(field, "source"));
        return new MediatorConfig(Req(map, "rate", field, "a number or an expression over parameters", Expression, "0"), sources, At(map));
    }

    /// <summary>A number or an expression, kept as text (numbers come as plain scalars).</summary>
    private Located<string>? Expression(YamlNode node, string field) => Text(node, field);

    private ParameterConfig? ReadParameter(Located<string> name, YamlNode node, string field)
    {
        if (Mapping(node, field, ["type", "value", "values"]) is not { } map)
            return null;
        var value = Opt(map, "value", field, Expression);
        var valuesNode = Optional(map, "values");
        var values = List(valuesNode, Join(field, "values"), Expression);
        if (Required(map, "type", field, "scalar, age_varying, sampled, calibrated or calculated") is not { } typeNode ||
            Choice(typeNode, Join(field, "type"), ParameterKinds) is not { Value: var kind })
        {
            // Still declared, so expressions naming it are not reported as well; its kind is unknown.
            return new ParameterConfig(name, ParameterKind.Scalar, null, [], At(map));
        }
        var kindName = ParameterKinds.First(pair => pair.Value == kind).Key;
        if (kind is ParameterKind.Scalar or ParameterKind.Calculated && value is null)
            Error(map, Join(field, "value"), $"missing required field 'value': a {kindName} parameter needs a number or expression");
        if (kind is not (ParameterKind.Scalar or ParameterKind.Calculated) && value is not null)
            Error(value.Span, Join(field, "value"), $"a {kindName} parameter takes no 'value'");
        if (kind == ParameterKind.AgeVarying && valuesNode is null)
            Error(map, Join(field, "values"), "missing required field 'values': an age_varying parameter needs one value per age group");
        if (kind != ParameterKind.AgeVarying && valuesNode is not null)
            Error(valuesNode, Join(field, "values"), $"only age_varying parameters take 'values'; this one is {kindName}");
        return new ParameterConfig(name, kind, value, values, At(map));
    }

    private VaccinationConfig? ReadVaccination(YamlNode node, string field)
    {
        if (Mapping(node, field, ["scenario_data_path", "preprocessed_vaccination_data_path", "scenario", "origin_compartment", "eligible_compartments"]) is not { } map)
            return null;
        var scenarioPath = Opt(map, "scenario_data_path", field, Text);
        var preprocessedPath = Opt(map, "preprocessed_vaccination_data_path", field, Text);
        if (scenarioPath is not null && preprocessedPath is not null)
            Error(preprocessedPath.Span, Join(field, "preprocessed_vaccination_data_path"), "cannot be used with scenario_data_path: give exactly one of them");
        else if (scenarioPath is null && preprocessedPath is null && Optional(map, "scenario_data_path") is null && Optional(map, "preprocessed_vaccination_data_path") is null)
            Error(map, Join(field, "scenario_data_path"), "missing required field: give exactly one of scenario_data_path or preprocessed_vaccination_data_path");
        var path = scenarioPath ?? preprocessedPath ?? new Located<string>("", At(map));
        var origin = Req(map, "origin_compartment", field, "a compartment id", Text, "");
        var eligible = Texts(Required(map, "eligible_compartments", field, "a list of compartment ids"), Join(field, "eligible_compartments"));
        if (origin.Value.Length > 0 && eligible.Count > 0 && !eligible.Any(e => e.Value == origin.Value))
            Error(origin.Span, Join(field, "origin_compartment"), $"'{origin.Value}' must be one of the eligible_compartments");
        return new VaccinationConfig(
            path,
            Opt(map, "scenario", field, Text),
            origin,
            eligible,
            At(map),
            Preprocessed: scenarioPath is null && preprocessedPath is not null);
    }

    private SeasonalityConfig? ReadSeasonality(YamlNode node, string field)
    {
        string[] keys = ["target_parameter", "method", "seasonality_max_date", "seasonality_min_date", "max_value", "min_value"];
        if (Mapping(node, field, keys) is not { } map)
            return null;
        var method = Req(map, "method", field, "balcan", Text, "balcan");
        if (!string.Equals(method.Value, "balcan", StringComparison.OrdinalIgnoreCase))
            Error(method.Span, Join(field, "method"), $"unknown seasonality method '{method.Value}': expected balcan");
        var max = Req(map, "max_value", field, "a number ≥ 0", NonNegative, 1.0);
        var min = Req(map, "min_value", field, "a number ≥ 0", NonNegative, 0.0);
        if (min.Value > max.Value)
            Error(min.Span, Join(field, "min_value"), $"min_value {min.Value.ToString(CultureInfo.InvariantCulture)} is above max_value {max.Value.ToString(CultureInfo.InvariantCulture)}");
        var maxDate = Req(map, "seasonality_max_date", field, "a date yyyy-MM-dd", Date, default);
        var minDate = Opt(map, "seasonality_min_date", field, Date);
        if (minDate is not null && maxDate.Value != default && minDate.Value < maxDate.Value)
            Error(minDate.Span, Join(field, "seasonality_min_date"), $"{minDate.Value:yyyy-MM-dd} is before seasonality_max_date {maxDate.Value:yyyy-MM-dd}; epymodelingsuite requires the trough after the peak");
        return new SeasonalityConfig(
            Req(map, "target_parameter", field, "a parameter name", Text, ""),
            method,
            maxDate,
            minDate,
            max,
            min,
            At(map));
    }
}
