namespace Epy.Engine.Calibration;

/// <summary>
/// ABC rejection (epydemix's <c>run_rejection</c>): draw θ from the priors, simulate, and keep θ when
/// its distance is below <see cref="Epsilon"/>, until <see cref="NumParticles"/> are kept or a budget
/// runs out (then the particles kept so far are returned).
/// </summary>
public sealed record RejectionOptions : AbcOptions
{
    /// <inheritdoc/>
    public override AbcStrategy Strategy => AbcStrategy.Rejection;

    /// <summary>How many particles to accept (<c>num_particles</c>, default 1000).</summary>
    public int NumParticles { get; init; } = 1000;

    /// <summary>The acceptance threshold: a particle is kept when its distance is below it (<c>epsilon</c>, default 0.1).</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>The most simulations to run (<c>total_simulations_budget</c>), or null for no limit.</summary>
    public long? TotalSimulationsBudget { get; init; }

    /// <inheritdoc/>
    public override void Validate(string field = DefaultField)
    {
        base.Validate(field);
        RequireCount(NumParticles, $"{field}.num_particles");
        RequirePositive(Epsilon, $"{field}.epsilon", infinityAllowed: true);
        if (TotalSimulationsBudget is { } budget)
            RequireCount(budget, $"{field}.total_simulations_budget");
    }
}
