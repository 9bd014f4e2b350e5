using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Engine.Sampling;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>
/// A <c>type: scipy</c> distribution config as a calibration <see cref="Prior"/> or a sampling
/// <see cref="Distribution"/>. Arguments bind as scipy binds them (<see cref="Priors.Create"/>).
/// Keyword arguments that no supported distribution takes (the config layer keeps them unchecked)
/// are ignored; text keyword values are an error.
/// </summary>
public static class DistributionBuilder
{
    private static readonly HashSet<string> KnownKeywords = new(["loc", "scale", "low", "high", "s", "a", "b"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The prior of <paramref name="config"/>; <paramref name="field"/> is its config path.</summary>
    /// <exception cref="ConfigValidationException">The distribution or its arguments cannot be used.</exception>
    public static Prior Prior(DistributionConfig config, string field)
    {
        ArgumentNullException.ThrowIfNull(config);
        var kwargs = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in config.Kwargs)
        {
            if (!KnownKeywords.Contains(key))
                continue;
            if (value.Value.Number is not { } number)
                throw BuildErrors.One(value.Span, $"{field}.kwargs.{key}", $"'{value.Value.Text}' is not a number");
            kwargs[key] = number;
        }
        try
        {
            return Priors.Create(config.Name.Value, [.. config.Args.Select(a => a.Value)], kwargs, field);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(config.Span, field, e.Reason);
        }
    }

    /// <summary>
    /// The sampling distribution of <paramref name="config"/>: uniform, randint or norm (the ones a
    /// Latin hypercube draws through a quantile function).
    /// </summary>
    /// <exception cref="ConfigValidationException">Another distribution, or bad arguments.</exception>
    public static Distribution Distribution(DistributionConfig config, string field)
    {
        var distribution = Prior(config, field) switch
        {
            UniformPrior u => new Uniform(u.Loc, u.Loc + u.Scale),
            RandIntPrior r => new RandInt(r.Low, r.High),
            NormalPrior n => (Distribution)new Normal(n.Loc, n.Scale),
            _ => throw BuildErrors.One(config.Name.Span, $"{field}.name", $"'{config.Name.Value}' cannot be sampled; use uniform, randint or norm"),
        };
        try
        {
            distribution.Validate(field);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(config.Span, field, e.Reason);
        }
        return distribution;
    }
}
