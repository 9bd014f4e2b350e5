namespace Epy.Engine.Calibration;

/// <summary>
/// ABC-SMC (epydemix's <c>run_smc</c>, after Toni et al. 2009). Generation 0 keeps prior draws with a
/// distance at most ε₀ (+∞ unless a schedule gives one); each later generation resamples the previous
/// one by weight, perturbs, and keeps proposals with a distance below its ε.
/// </summary>
public sealed record SmcOptions : AbcOptions
{
    /// <inheritdoc/>
    public override AbcStrategy Strategy => AbcStrategy.Smc;

    /// <summary>Particles per generation (<c>num_particles</c>, default 1000).</summary>
    public int NumParticles { get; init; } = 1000;

    /// <summary>The most generations to run, generation 0 included (<c>num_generations</c>, default 10).</summary>
    public int NumGenerations { get; init; } = 10;

    /// <summary>
    /// ε of each generation (<c>epsilon_schedule</c>), at least <see cref="NumGenerations"/> values,
    /// each positive (+∞ allowed); null to start at +∞ and adapt.
    /// </summary>
    public IReadOnlyList<double>? EpsilonSchedule { get; init; }

    /// <summary>
    /// Without a schedule, the ε of a generation is this quantile (linear interpolation, as numpy's
    /// default) of the previous generation's distances (<c>epsilon_quantile_level</c>, default 0.5: the median).
    /// </summary>
    public double EpsilonQuantileLevel { get; init; } = 0.5;

    /// <summary>Stop after a generation whose ε is at most this (<c>minimum_epsilon</c>), or null.</summary>
    public double? MinimumEpsilon { get; init; }

    /// <summary>
    /// The most simulations over all generations (<c>total_simulations_budget</c>), or null. A
    /// generation that cannot finish within it is dropped, so the kept ones never exceed it.
    /// </summary>
    public long? TotalSimulationsBudget { get; init; }

    /// <inheritdoc/>
    public override void Validate(string field = DefaultField)
    {
        base.Validate(field);
        RequireCount(NumParticles, $"{field}.num_particles");
        RequireCount(NumGenerations, $"{field}.num_generations");
        RequireFraction(EpsilonQuantileLevel, $"{field}.epsilon_quantile_level");
        if (MinimumEpsilon is { } minimum)
            RequirePositive(minimum, $"{field}.minimum_epsilon");
        if (TotalSimulationsBudget is { } budget)
            RequireCount(budget, $"{field}.total_simulations_budget");
        if (EpsilonSchedule is { } schedule)
        {
            if (schedule.Count < NumGenerations)
            {
                throw new ModelValidationException($"{field}.epsilon_schedule",
                    $"has {schedule.Count} values but num_generations is {NumGenerations}");
            }
            for (var g = 0; g < schedule.Count; g++)
                RequirePositive(schedule[g], $"{field}.epsilon_schedule[{g}]", infinityAllowed: true);
        }
    }
}
