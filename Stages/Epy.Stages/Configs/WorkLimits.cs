using System.Globalization;

namespace Epy.Stages.Configs;

/// <summary>
/// How much work one experiment may ask for: steps per trajectory, simulations, trajectories, particles,
/// tasks, and an estimate of one task's memory held against a budget (by default the runner VM's 4096 MiB;
/// <c>TASK_MEMORY_BUDGET_MIB</c> sets another). Checked by the builder (and <c>validate</c>) before any task
/// is written, and by the runner before it simulates, each refusal at the config value that asks too much.
/// Pure: the budget is a parameter.
/// </summary>
public static class WorkLimits
{
    /// <summary>The most steps one trajectory may take (<c>(end_date − start) / delta_t</c>): 100,000 (274 years of days).</summary>
    public const long MaxSteps = 100_000;

    /// <summary>The most simulations of one parameter set (<c>model.simulation.n_sims</c>).</summary>
    public const int MaxSimulations = 100_000;

    /// <summary>The most projected trajectories (<c>calibration.projection.n_trajectories</c>).</summary>
    public const int MaxTrajectories = 100_000;

    /// <summary>The most particles of a calibration (<c>strategy.num_particles</c>).</summary>
    public const int MaxParticles = 1_000_000;

    /// <summary>The most tasks one run may have (locations × sample rows).</summary>
    public const int MaxTasks = 10_000;

    /// <summary>The memory budget of one task when none is set: the runner VM's default memory (StageResources.RunnerDefault), in MiB.</summary>
    public const int DefaultMemoryBudgetMib = 4096;

    // The engine keeps a trajectory's values as doubles, about twice over (the run and its written copy).
    private const double BytesPerValue = 16;

    /// <summary>Every bound <paramref name="experiment"/> breaks, as errors at the values that break them.</summary>
    public static IReadOnlyList<ConfigError> Check(Experiment experiment, int memoryBudgetMib = DefaultMemoryBudgetMib)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var errors = new List<ConfigError>();
        var model = experiment.Basemodel;
        var timespan = model.Timespan;
        var steps = Steps(experiment);
        if (steps > MaxSteps)
        {
            var span = timespan.DeltaT.Value < 1 ? timespan.DeltaT.Span : timespan.EndDate.Span;
            var field = timespan.DeltaT.Value < 1 ? "model.timespan.delta_t" : "model.timespan.end_date";
            errors.Add(ConfigError.At(span, field, Invariant(
                $"{steps:N0} steps from {First(experiment):yyyy-MM-dd} to {timespan.EndDate.Value:yyyy-MM-dd} every {timespan.DeltaT.Value} day(s): more than the {MaxSteps:N0} a trajectory may take")));
        }
        if (model.Simulation?.NSims is { Value: > MaxSimulations } sims)
            errors.Add(ConfigError.At(sims.Span, "model.simulation.n_sims", Invariant($"{sims.Value:N0} simulations: more than the {MaxSimulations:N0} a run may ask for")));
        if (experiment.Calibration?.Projection?.NTrajectories is { Value: > MaxTrajectories } trajectories)
            errors.Add(ConfigError.At(trajectories.Span, "modelset.calibration.projection.n_trajectories", Invariant($"{trajectories.Value:N0} trajectories: more than the {MaxTrajectories:N0} a run may ask for")));
        foreach (var (sampler, i) in (experiment.Sampling?.Samplers ?? []).Select((s, i) => (s, i)))
        {
            if (sampler.NSamples is { Value: > MaxTasks } samples)
                errors.Add(ConfigError.At(samples.Span, $"modelset.sampling.samplers[{i}].n_samples", Invariant($"{samples.Value:N0} samples: more than the {MaxTasks:N0} tasks a run may have")));
        }
        if (Particles(experiment) is { Number: > MaxParticles } particles)
            errors.Add(ConfigError.At(particles.Span, "modelset.calibration.strategy.options.num_particles", Invariant($"{particles.Number:N0} particles: more than the {MaxParticles:N0} a calibration may have")));
        if (errors.Count == 0 && Memory(experiment, steps) is var (mib, at, what) && mib > memoryBudgetMib)
        {
            errors.Add(ConfigError.At(at, what, Invariant(
                $"one task would need about {mib:N0} MiB ({steps:N0} steps × {Series(model):N0} series × the {what[(what.LastIndexOf('.') + 1)..]}), more than the {memoryBudgetMib:N0} MiB budget (TASK_MEMORY_BUDGET_MIB)")));
        }
        return errors;
    }

    /// <summary>The task count refused, or null: <paramref name="tasks"/> above <see cref="MaxTasks"/>.</summary>
    public static string? TaskRefusal(int tasks) =>
        tasks > MaxTasks ? Invariant($"{tasks:N0} tasks (locations × sample rows): more than the {MaxTasks:N0} a run may have") : null;

    /// <summary>The steps of one trajectory, from the earliest day the simulation can start.</summary>
    public static long Steps(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var timespan = experiment.Basemodel.Timespan;
        if (timespan.DeltaT.Value <= 0 || First(experiment) is not { } first)
            return 0;
        var days = timespan.EndDate.Value.DayNumber - first.DayNumber + 1;
        return days <= 0 ? 0 : (long)Math.Ceiling(days / timespan.DeltaT.Value);
    }

    // The earliest start known without sampling: the fixed start, else the fitting window's, else a prior's reference date.
    private static DateOnly? First(Experiment experiment) =>
        experiment.Basemodel.Timespan.StartDate.Date
        ?? experiment.Calibration?.FittingWindow?.StartDate.Value
        ?? experiment.Calibration?.StartDate?.ReferenceDate.Value
        ?? experiment.Sampling?.StartDate?.ReferenceDate.Value;

    private static (double Number, SourceSpan Span)? Particles(Experiment experiment) =>
        experiment.Calibration?.Strategy.Options.TryGetValue("num_particles", out var particles) == true && particles.Value.Number is { } number
            ? (number, particles.Span)
            : null;

    // Compartments and transitions, each per age group: what a trajectory records at every step.
    private static long Series(BasemodelConfig model) =>
        (long)Math.Max(1, model.Compartments.Count + model.Transitions.Count) * Math.Max(1, model.Population.AgeGroups.Count);

    /// <summary>
    /// The estimated MiB of one task and the value that sets the trajectory count: the simulations or projected
    /// trajectories kept whole. Particles are not: a calibration keeps each one's distance, not its trajectory.
    /// </summary>
    private static (long Mib, SourceSpan At, string Field)? Memory(Experiment experiment, long steps)
    {
        var model = experiment.Basemodel;
        var candidates = new List<(double Count, SourceSpan At, string Field)>();
        if (model.Simulation?.NSims is { } sims)
            candidates.Add((sims.Value, sims.Span, "model.simulation.n_sims"));
        if (experiment.Calibration?.Projection?.NTrajectories is { } trajectories)
            candidates.Add((trajectories.Value, trajectories.Span, "modelset.calibration.projection.n_trajectories"));
        if (candidates.Count == 0)
            return null;
        var (count, at, field) = candidates.MaxBy(c => c.Count);
        var bytes = count * steps * Series(model) * BytesPerValue;
        return ((long)Math.Ceiling(bytes / (1024 * 1024)), at, field);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
