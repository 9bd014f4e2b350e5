namespace Epy.Engine.Calibration;

/// <summary>
/// Builds priors from a configuration's <c>type: scipy</c> entries (<c>name</c>, <c>args</c>,
/// <c>kwargs</c>), binding arguments the way scipy.stats does: positionally in the distribution's
/// parameter order, by keyword, or both, with defaults for <c>loc</c> (0) and <c>scale</c> (1).
/// </summary>
public static class Priors
{
    private static readonly Spec[] Specs =
    [
        new("uniform", [], ["loc", "scale"], [0.0, 1.0], v => new UniformPrior(v[0], v[1])),
        new("randint", ["low", "high"], [], [],
            v => new RandIntPrior(RandIntPrior.ToBound(v[0], "low"), RandIntPrior.ToBound(v[1], "high"))),
        new("norm", [], ["loc", "scale"], [0.0, 1.0], v => new NormalPrior(v[0], v[1])),
        new("lognorm", ["s"], ["loc", "scale"], [0.0, 1.0], v => new LogNormalPrior(v[0], v[1], v[2])),
        new("truncnorm", ["a", "b"], ["loc", "scale"], [0.0, 1.0], v => new TruncatedNormalPrior(v[0], v[1], v[2], v[3])),
    ];

    /// <summary>The distribution names understood, in scipy's spelling (<c>normal</c> is also accepted for <c>norm</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Specs, spec => spec.Name);

    /// <summary>
    /// The prior scipy would build as <c>scipy.stats.{name}(*args, **kwargs)</c>: uniform(loc, scale)
    /// on [loc, loc + scale]; randint(low, high) on the integers low..high − 1; norm(loc, scale);
    /// lognorm(s, loc, scale); truncnorm(a, b, loc, scale) with a, b in standard units.
    /// </summary>
    /// <param name="name">The distribution, matched case-insensitively.</param>
    /// <param name="args">Positional arguments, in the distribution's parameter order; null for none.</param>
    /// <param name="kwargs">Keyword arguments (loc, scale, low, high, s, a, b; names case-insensitive); null for none.</param>
    /// <param name="field">The configuration path of the prior, named by every error.</param>
    /// <exception cref="ModelValidationException">
    /// The name is unknown; too many positional arguments; a keyword the distribution does not take;
    /// a parameter given twice (positionally and by keyword); a required one missing; or a value out
    /// of range (non-finite, scale or s not positive, randint ends not integers with low &lt; high, a ≥ b).
    /// </exception>
    public static Prior Create(string name, IReadOnlyList<double>? args, IReadOnlyDictionary<string, double>? kwargs, string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var spec = Find(name, field);
        var values = Bind(spec, args ?? [], kwargs, field);
        try
        {
            return spec.Build(values);
        }
        catch (ArgumentException e)
        {
            throw new ModelValidationException(field, e.Message, e);
        }
    }

    private static Spec Find(string? name, string field)
    {
        var wanted = name?.Trim();
        if (string.Equals(wanted, "normal", StringComparison.OrdinalIgnoreCase))
            wanted = "norm";
        foreach (var spec in Specs)
        {
            if (string.Equals(spec.Name, wanted, StringComparison.OrdinalIgnoreCase))
                return spec;
        }
        var expected = $"expected one of {string.Join(", ", Names)}";
        throw new ModelValidationException(field, string.IsNullOrWhiteSpace(name)
            ? $"prior has no distribution name; {expected}"
            : $"prior '{name}' is unknown; {expected}");
    }

    private static double[] Bind(Spec spec, IReadOnlyList<double> args, IReadOnlyDictionary<string, double>? kwargs, string field)
    {
        var parameters = spec.Parameters;
        if (args.Count > parameters.Length)
        {
            var takes = spec.Required.Length == parameters.Length ? $"{parameters.Length}" : $"at most {parameters.Length}";
            throw new ModelValidationException(field,
                $"{spec.Name} takes {takes} argument{(parameters.Length == 1 ? "" : "s")} ({spec.Signature}), got {args.Count}");
        }

        var values = new double?[parameters.Length];
        for (var i = 0; i < args.Count; i++)
            values[i] = args[i];

        foreach (var (key, value) in kwargs ?? new Dictionary<string, double>())
        {
            var index = Array.FindIndex(parameters, p => string.Equals(p, key.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                throw new ModelValidationException(field, $"{spec.Name} has no parameter '{key}'; it takes ({spec.Signature})");
            if (values[index] is not null)
            {
                throw new ModelValidationException(field, index < args.Count
                    ? $"{spec.Name} got {parameters[index]} both as positional argument {index + 1} and as a keyword"
                    : $"{spec.Name} got {parameters[index]} twice as a keyword");
            }
            values[index] = value;
        }

        var missing = Enumerable.Range(0, spec.Required.Length).Where(i => values[i] is null).Select(i => parameters[i]).ToList();
        if (missing.Count > 0)
        {
            throw new ModelValidationException(field,
                $"{spec.Name} is missing required argument{(missing.Count == 1 ? "" : "s")} {string.Join(" and ", missing)}; it takes ({spec.Signature})");
        }

        var bound = new double[parameters.Length];
        for (var i = 0; i < bound.Length; i++)
            bound[i] = values[i] ?? spec.Defaults[i - spec.Required.Length];
        return bound;
    }

    /// <summary>One scipy distribution: its required parameters, then its optional ones with their defaults.</summary>
    private sealed record Spec(string Name, string[] Required, string[] Optional, double[] Defaults, Func<double[], Prior> Build)
    {
        public string[] Parameters { get; } = [.. Required, .. Optional];

        public string Signature => string.Join(", ", Parameters);
    }
}
