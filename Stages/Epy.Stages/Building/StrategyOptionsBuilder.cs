using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;

namespace Epy.Stages.Building;

/// <summary>
/// The calibration <c>strategy</c> as engine options, with epydemix's keyword names:
/// <c>smc</c> (num_particles, num_generations, epsilon_schedule, epsilon_quantile_level, minimum_epsilon,
/// total_simulations_budget, max_time, verbose), <c>rejection</c> (num_particles, epsilon,
/// total_simulations_budget, max_time, verbose, progress_update_interval), <c>top_fraction</c>
/// (top_fraction, Nsim, verbose). <c>max_time</c> is a duration string as epymodelingsuite's
/// <c>parse_timedelta</c> reads it (<see cref="PandasDuration"/>): the calibration's wall-time limit.
/// <c>epsilon_schedule</c> is a list, the ε of each generation in turn (at least <c>num_generations</c>
/// values; <c>.inf</c> allowed), used instead of the adaptive quantile. <c>verbose</c> and
/// <c>progress_update_interval</c> only change what epydemix prints; they are checked and change nothing
/// here. An option the strategy's epydemix function does not take is an error (as the
/// <c>TypeError</c> epydemix would raise), including <c>max_time</c> for top_fraction.
/// </summary>
public static class StrategyOptionsBuilder
{
    private const string Field = "modelset.calibration.strategy";

    /// <summary>The options of <paramref name="strategy"/>; <paramref name="threads"/> simulations run at once (0: one per core).</summary>
    /// <exception cref="ConfigValidationException">An unknown strategy or option, a non-number, or a value out of range.</exception>
    public static AbcOptions Build(StrategyConfig strategy, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        AbcStrategy kind;
        try
        {
            kind = AbcStrategyNames.Parse(strategy.Name.Value, $"{Field}.name");
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(strategy.Name.Span, $"{Field}.name", e.Reason);
        }
        var errors = new BuildErrors();
        var options = strategy.Options;
        AbcOptions result = kind switch
        {
            AbcStrategy.Smc => new SmcOptions
            {
                NumParticles = Int(options, "num_particles", errors) ?? 1000,
                NumGenerations = Int(options, "num_generations", errors) ?? 10,
                EpsilonQuantileLevel = Number(options, "epsilon_quantile_level", errors) ?? 0.5,
                MinimumEpsilon = Number(options, "minimum_epsilon", errors),
                TotalSimulationsBudget = Int(options, "total_simulations_budget", errors),
                EpsilonSchedule = strategy.EpsilonScheduleValues is { } schedule ? [.. schedule.Value.Select(e => e.Value)] : null,
            },
            AbcStrategy.Rejection => new RejectionOptions
            {
                NumParticles = Int(options, "num_particles", errors) ?? 1000,
                Epsilon = Number(options, "epsilon", errors) ?? 0.1,
                TotalSimulationsBudget = Int(options, "total_simulations_budget", errors),
            },
            _ => new TopFractionOptions
            {
                TopFraction = Number(options, "top_fraction", errors) ?? 0.05,
                NumSimulations = Int(options, "Nsim", errors) ?? 100,
            },
        };
        var maxTime = kind == AbcStrategy.TopFraction ? null : Duration(options, "max_time", errors);
        result = result with
        {
            MaxTime = maxTime,
            Threads = threads > 0 ? threads : Environment.ProcessorCount,
        };
        Boolean(options, "verbose", errors);
        if (kind == AbcStrategy.Rejection)
            Int(options, "progress_update_interval", errors, minimum: 1);
        var known = kind switch
        {
            AbcStrategy.Smc => new[] { "num_particles", "num_generations", StrategyConfig.EpsilonSchedule, "epsilon_quantile_level", "minimum_epsilon", "total_simulations_budget", "max_time", "verbose" },
            AbcStrategy.Rejection => ["num_particles", "epsilon", "total_simulations_budget", "max_time", "verbose", "progress_update_interval"],
            _ => ["top_fraction", "Nsim", "verbose"],
        };
        foreach (var (key, value) in options)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
                errors.Add(value.Span, $"{Field}.options.{key}", $"{kind.ToName()} takes no option '{key}' (epydemix's run_{kind.ToName()} has no such argument); it takes {string.Join(", ", known)}");
        }
        if (strategy.EpsilonScheduleValues is { } unused && kind != AbcStrategy.Smc)
        {
            errors.Add(unused.Span, $"{Field}.options.{StrategyConfig.EpsilonSchedule}",
                $"{kind.ToName()} takes no option '{StrategyConfig.EpsilonSchedule}'; it takes {string.Join(", ", known)}");
        }
        errors.ThrowIfAny();
        try
        {
            result.Validate($"{Field}.options");
        }
        catch (ModelValidationException e)
        {
            var key = e.Field[(e.Field.LastIndexOf('.') + 1)..];
            var span = key.StartsWith(StrategyConfig.EpsilonSchedule, StringComparison.Ordinal) && strategy.EpsilonScheduleValues is { } schedule
                ? schedule.Span
                : options.TryGetValue(key, out var at) ? at.Span : strategy.Span;
            throw BuildErrors.One(span, e.Field, e.Reason);
        }
        return result;
    }

    private static double? Number(IReadOnlyDictionary<string, Located<ConfigScalar>> options, string key, BuildErrors errors)
    {
        if (!options.TryGetValue(key, out var value))
            return null;
        if (value.Value.Number is { } number)
            return number;
        errors.Add(value.Span, $"{Field}.options.{key}", $"'{value.Value.Text}' is not a number");
        return null;
    }

    private static int? Int(IReadOnlyDictionary<string, Located<ConfigScalar>> options, string key, BuildErrors errors, int? minimum = null)
    {
        if (Number(options, key, errors) is not { } number)
            return null;
        if (number == Math.Floor(number) && number >= (minimum ?? int.MinValue) && number <= int.MaxValue)
            return (int)number;
        errors.Add(options[key].Span, $"{Field}.options.{key}",
            minimum is { } least ? $"must be a whole number ≥ {least}, got {options[key].Value.Text}" : $"must be a whole number, got {options[key].Value.Text}");
        return null;
    }

    private static void Boolean(IReadOnlyDictionary<string, Located<ConfigScalar>> options, string key, BuildErrors errors)
    {
        if (options.TryGetValue(key, out var value) && !bool.TryParse(value.Value.Text, out _))
            errors.Add(value.Span, $"{Field}.options.{key}", $"expected true or false, got '{value.Value.Text}'");
    }

    /// <summary>epymodelingsuite's <c>max_time</c>: a duration string (<see cref="PandasDuration"/>).</summary>
    private static TimeSpan? Duration(IReadOnlyDictionary<string, Located<ConfigScalar>> options, string key, BuildErrors errors)
    {
        if (!options.TryGetValue(key, out var value))
            return null;
        if (PandasDuration.TryParse(value.Value.Text, out var duration, out var error))
            return duration;
        errors.Add(value.Span, $"{Field}.options.{key}", error!);
        return null;
    }
}
