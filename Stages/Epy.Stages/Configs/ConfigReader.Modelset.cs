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
            Error(map, Modelset, "expected exactly one of 'sampling' or 'calibration'");
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
        var names = Texts(node, Field);
        if (node is YamlSequenceNode && names.Count == 0)
            Error(node, Field, "expected at least one location");
        return names;
    }

    private SamplingConfig? ReadSampling(YamlNode node, string field)
    {
        if (Mapping(node, field, ["samplers", "compartments", "parameters", "start_date"]) is not { } map)
            return null;
        var samplersNode = Required(map, "samplers", field, "a list of samplers (strategy LHS or grid)");
        var samplers = List(samplersNode, Join(field, "samplers"), ReadSampler);
        if (samplersNode is YamlSequenceNode { Children.Count: 0 })
            Error(samplersNode, Join(field, "samplers"), "expected at least one sampler");
        return new SamplingConfig(
            samplers,
            Named(Optional(map, "compartments"), Join(field, "compartments"), ReadSampledQuantity),
            Named(Optional(map, "parameters"), Join(field, "parameters"), ReadSampledQuantity),
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
        var parameters = Texts(Optional(map, "parameters"), Join(field, "parameters"));
        if (compartments.Count + parameters.Count == 0)
            Error(map, field, "a sampler must name at least one compartment or parameter");
        return new SamplerConfig(strategy, samples, compartments, parameters, At(map));
    }

    private SampledQuantityConfig? ReadSampledQuantity(Located<string> name, YamlNode node, string field)
    {
        if (Mapping(node, field, ["distribution", "values", "min", "max"]) is not { } map)
            return null;
        var distribution = Optional(map, "distribution") is { } d ? ReadDistribution(d, Join(field, "distribution")) : null;
        var valuesNode = Optional(map, "values");
        var values = Numbers(valuesNode, Join(field, "values"));
        var min = Opt(map, "min", field, Number);
        var max = Opt(map, "max", field, Number);
        var forms = (Optional(map, "distribution") is null ? 0 : 1) + (valuesNode is null ? 0 : 1) +
            (Optional(map, "min") is null && Optional(map, "max") is null ? 0 : 1);
        if (forms != 1)
            Error(map, field, "expected exactly one of 'distribution', 'values' or 'min' with 'max'");
        else if ((Optional(map, "min") is null) != (Optional(map, "max") is null))
            Error(map, field, "'min' and 'max' go together");
        else if (min is not null && max is not null && min.Value >= max.Value)
            Error(max.Span, Join(field, "max"), $"max must be above min ({min.Value} ≥ {max.Value})");
        return new SampledQuantityConfig(name, distribution, values, min, max, At(map));
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
        var type = Req(map, "type", field, "scipy", Text, "scipy");
        if (!string.Equals(type.Value, "scipy", StringComparison.Ordinal))
            Error(type.Span, Join(field, "type"), $"unknown distribution type '{type.Value}': expected scipy");
        var name = Req(map, "name", field, $"a scipy.stats name ({string.Join(", ", Priors.Names)})", Text, "");
        var argsNode = Optional(map, "args");
        var args = Numbers(argsNode, Join(field, "args"));
        var kwargs = Scalars(Optional(map, "kwargs"), Join(field, "kwargs"));
        var argsOk = argsNode is null || argsNode is YamlSequenceNode sequence && sequence.Children.Count == args.Count;
        // Only scipy's own parameter names are checked: epymodelingsuite's example sampling config
        // passes an extra kwarg (some_other_param) that must still load; it is kept, unchecked.
        var checkedKwargs = kwargs.Where(pair => ScipyParameterNames.Contains(pair.Key)).ToArray();
        if (name.Value.Length > 0 && argsOk && checkedKwargs.All(pair => pair.Value.Value.Number is not null))
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
