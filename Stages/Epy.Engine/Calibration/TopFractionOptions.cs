namespace Epy.Engine.Calibration;

/// <summary>
/// ABC top fraction (epydemix's <c>run_top_fraction</c>): simulate <see cref="NumSimulations"/> prior
/// draws and keep those whose distance is at most the <see cref="TopFraction"/> quantile of all
/// distances (numpy's linear quantile, so ⌊fraction·(M − 1)⌋ + 1 particles, more on ties).
/// </summary>
public sealed record TopFractionOptions : AbcOptions
{
    /// <inheritdoc/>
    public override AbcStrategy Strategy => AbcStrategy.TopFraction;

    /// <summary>The fraction of simulations to keep, in (0, 1] (<c>top_fraction</c>, default 0.05).</summary>
    public double TopFraction { get; init; } = 0.05;

    /// <summary>How many simulations to run (epydemix's <c>Nsim</c>, default 100).</summary>
    public int NumSimulations { get; init; } = 100;

    /// <inheritdoc/>
    public override void Validate(string field = DefaultField)
    {
        base.Validate(field);
        RequireFraction(TopFraction, $"{field}.top_fraction");
        RequireCount(NumSimulations, $"{field}.Nsim");
    }
}
