using Epy.Engine;
using Epy.Engine.Calibration;
using YamlDotNet.RepresentationModel;

namespace Epy.Stages.Configs;

/// <summary>The <c>modelset</c> section, its sampling part and the distributions shared with calibration.</summary>
internal sealed partial class ConfigReader
{
    private const string Modelset = "modelset";

    private static readonly Dictionary<string, SamplerStrategy> SamplerStrategies = new(StringComparer.Ordinal)
    {
        ["lhs"] = SamplerStrategy.Lhs,
        ["grid"] = SamplerStrategy.Grid,
    };

    private static readonly HashSet<string> ScipyParameterNames = new(["loc", "scale", "low", "high", "s", "a", "b"], StringComparer.OrdinalIgnoreCase);

    private ConfigDocument? ReadModelsetDocument(YamlNode node)
    {
        if (Mapping(node, Modelset, ["meta", "population_names", "sampling", "calibration"]) is not { } map)
            return null;
        var samplingNode = Optional(map, "sampling");
        var calibrationNode = Optional(map, "calibration");
        if ((samplingNode is null) == (calibrationNode is null))
        {
            Error(map, Modelset, "expected exactly one of 'sampling' or 'calibration' ('sampling: populations' runs the basemodel in each location)");
            return null;
        }
        var modelset = new ModelsetConfig(
            Meta(map, Modelset),
            ReadPopulationNames(Required(map, "population_names", Modelset, "a list of ISO codes such as US-MA, or all")),
            samplingNode is null ? null : ReadSampling(samplingNode, "modelset.sampling"),
            calibrationNode is null ? null : ReadCalibration(calibrationNode, "modelset.calibration"),
            At(map));
        return new ConfigDocument(File, samplingNode is null ? ConfigKind.CalibrationModelset : ConfigKind.SamplingModelset, null, modelset, null);
    }

    private IReadOnlyList<Located<string>> ReadPopulationNames(YamlNode? node)
    {
        const string Field = "modelset.population_names";
        if (node is YamlScalarNode && Text(node, Field) is { } single)
        {
            if (!string.Equals(single.Value, ModelsetConfig.AllLocations, StringComparison.OrdinalIgnoreCase))
                Error(single.Span, Field, $"expected a list of ISO codes or '{ModelsetConfig.AllLocations}', found '{single.Value}'");
            return [single];
        }
        var names = List(node, Field, PopulationName);
        if (node is YamlSequenceNode { Children.Count: 0 })
            Error(node, Field, "expected at least one location");
        return names;
    }

    /// <summary>
    /// One entry of <c>population_names</c>: an ISO code or <c>all</c>. epymodelingsuite's newer forms, a
    /// mapping with name and type (metrocast locations) and the keywords all-states and all-metrocast,
    /// are refused as not supported yet.
    /// </summary>
    private Located<string>? PopulationName(YamlNode node, string field)
    {
        if (node is YamlMappingNode)
        {
            NotSupported(node, field, "a location with an explicit type (name, type); write its ISO code");
            return null;
        }
        if (Text(node, field) is not { } name)
            return null;
        if (name.Value is "all-states" or "all-metrocast")
        {
            NotSupported(node, field, $"the keyword '{name.Value}'; write '{ModelsetConfig.AllLocations}' or the ISO codes");
            return null;
        }
        return name;
    }

    private SamplingConfig? ReadSampling(YamlNode node, string field)
    {
        // epymodelingsuite's "populations": nothing sampled, the basemodel run once in each location.
        if (node is YamlScalarNode { Value: SamplingConfig.Populations })
            return new SamplingConfig([], [], [], null, At(node));
        if (node is YamlScalarNode)
        {
            Error(node, field, $"expected a mapping with samplers, compartments, parameters and start_date, or '{SamplingConfig.Populations}'");
            return null;
        }
        if (Mapping(node, field, ["samplers", "compartments", "parameters", "start_date"]) is not { } map)
            return null;
        var samplersNode = Required(map, "samplers", field, "a list of samplers (strategy LHS or grid)");
        var samplers = List(samplersNode, Join(field, "samplers"), ReadSampler);
        if (samplersNode is YamlSequenceNode { Children.Count: 0 })
            Error(samplersNode, Join(field, "samplers"), "expected at least one sampler");
        var parametersNode = Required(map, "parameters", field, "the distribution or values of each sampled parameter");
        return new SamplingConfig(
            samplers,
            Named(Optional(map, "compartments"), Join(field, "compartments"), ReadSampledCompartment),
            Named(parametersNode, Join(field, "parameters"), ReadSampledParameter),
            Optional(map, "start_date") is { } start ? ReadDatePrior(start, Join(field, "start_date"), "distribution") : null,
            At(map));
    }

    private SamplerConfig? ReadSampler(YamlNode node, string field)
    {
        if (Mapping(node, field, ["strategy", "n_samples", "compartments", "parameters"]) is not { } map)
            return null;
        var strategy = Req(map, "strategy", field, "LHS or grid", (n, f) => Choice(n, f, SamplerStrategies), SamplerStrategy.Lhs).Value;
        var samples = Opt(map, "n_samples", field, Count);
        if (strategy == SamplerStrategy.Lhs && samples is null && Optional(map, "n_samples") is null)
            Error(map, Join(field, "n_samples"), "missing required field 'n_samples': an LHS sampler needs a number of samples ≥ 1");
        if (strategy == SamplerStrategy.Grid && samples is not null)
            Error(samples.Span, Join(field, "n_samples"), "a grid sampler takes no 'n_samples': its size is the product of the values listed");
        var compartments = Texts(Optional(map, "compartments"), Join(field, "compartments"));
        var parameters = Texts(Required(map, "parameters", field, "a list of the parameters it samples (start_date among them); [] for none"), Join(field, "parameters"));
        if (compartments.Count + parameters.Count == 0)
            Error(map, field, "a sampler must name at least one compartment or parameter");
        return new SamplerConfig(strategy, samples, compartments, parameters, At(map));
    }

    /// <summary>A sampled compartment: epymodelingsuite's CompartmentSamplingRange, <c>min</c> and <c>max</c> (a uniform range).</summary>
    private SampledQuantityConfig? ReadSampledCompartment(Located<string> name, YamlNode node, string field)
    {
        if (Mapping(node, field, ["min", "max"]) is not { } map)
            return null;
        var min = Req(map, "min", field, "a number", Number, 0);
        var max = Req(map, "max", field, "a number above min", Number, 1);
        if (Optional(map, "min") is not null && Optional(map, "max") is not null && min.Value >= max.Value)
            Error(max.Span, Join(field, "max"), $"max must be above min ({min.Value} ≥ {max.Value})");
        return new SampledQuantityConfig(name, null, [], min, max, At(map));
    }

    /// <summary>A sampled parameter: exactly one of a <c>distribution</c> (LHS) and a list of <c>values</c> (grid).</summary>
    private SampledQuantityConfig? ReadSampledParameter(Located<string> name, YamlNode node, string field)
    {
        if (Mapping(node, field, ["distribution", "values"]) is not { } map)
            return null;
        var distribution = Optional(map, "distribution") is { } d ? ReadDistribution(d, Join(field, "distribution")) : null;
        var valuesNode = Optional(map, "values");
        var values = Numbers(valuesNode, Join(field, "values"));
        if ((Optional(map, "distribution") is null) == (valuesNode is null))
            Error(map, field, "expected exactly one of 'distribution' or 'values'");
        return new SampledQuantityConfig(name, distribution, values, null, null, At(map));
    }

    private DatePriorConfig? ReadDatePrior(YamlNode node, string field, string distributionKey)
    {
        if (Mapping(node, field, ["reference_date", distributionKey]) is not { } map)
            return null;
        var reference = Req(map, "reference_date", field, "a date yyyy-MM-dd", Date, default);
        var distribution = Required(map, distributionKey, field, "a scipy distribution of days (e.g. randint)") is { } d
            ? ReadDistribution(d, Join(field, distributionKey))
            : null;
        return new DatePriorConfig(reference, distribution ?? PlaceholderDistribution(At(map)), At(map));
    }

    private static DistributionConfig PlaceholderDistribution(SourceSpan span) =>
        new(new Located<string>("scipy", span), new Located<string>("", span), [], new Dictionary<string, Located<ConfigScalar>>(), span);

    /// <summary>A scipy distribution, checked by building it with the engine so that names and arguments are what runs.</summary>
    private DistributionConfig? ReadDistribution(YamlNode node, string field)
    {
        if (Mapping(node, field, ["type", "name", "args", "kwargs"]) is not { } map)
            return null;
        var type = Opt(map, "type", field, Text) ?? new Located<string>("scipy", At(map));
        if (string.Equals(type.Value, "custom", StringComparison.Ordinal))
            NotSupported(map.Children[new YamlScalarNode("type")], Join(field, "type"), "custom distributions; use a scipy one");
        else if (!string.Equals(type.Value, "scipy", StringComparison.Ordinal))
            Error(type.Span, Join(field, "type"), $"unknown distribution type '{type.Value}': expected scipy (or custom)");
        var name = Req(map, "name", field, $"a scipy.stats name ({string.Join(", ", Priors.Names)})", Text, "");
        var argsNode = Optional(map, "args");
        var args = Numbers(argsNode, Join(field, "args"));
        var kwargs = Scalars(Optional(map, "kwargs"), Join(field, "kwargs"));
        var argsOk = argsNode is null || argsNode is YamlSequenceNode sequence && sequence.Children.Count == args.Count;
        // Only scipy's own parameter names are checked: epymodelingsuite's example sampling config
        // passes an extra kwarg (some_other_param) that must still load; it is kept, unchecked.
        var checkedKwargs = kwargs.Where(pair => ScipyParameterNames.Contains(pair.Key)).ToArray();
        // Any scipy.stats distribution is accepted there; the ones this program does not implement are refused as such.
        var known = name.Value.Length == 0 || Priors.Names.Contains(name.Value.Trim(), StringComparer.OrdinalIgnoreCase);
        if (!known)
            NotSupported(map.Children[new YamlScalarNode("name")], Join(field, "name"), $"scipy.stats.{name.Value}; implemented: {string.Join(", ", Priors.Names)}");
        if (known && name.Value.Length > 0 && argsOk && checkedKwargs.All(pair => pair.Value.Value.Number is not null))
        {
            try
            {
                Priors.Create(name.Value, args.Select(arg => arg.Value).ToArray(),
                    checkedKwargs.ToDictionary(pair => pair.Key, pair => pair.Value.Value.Number!.Value, StringComparer.Ordinal), field);
            }
            catch (ModelValidationException exception)
            {
                Error(map, exception.Field, exception.Reason);
            }
        }
        return new DistributionConfig(type, name, args, kwargs, At(map));
    }
}
