namespace Epy.Engine.Calibration;

/// <summary>
/// Runs an ABC calibration. Every simulation draws from its own random stream derived from the seed
/// and its position (generation, particle slot, attempt), so the result is the same bit for bit
/// whatever the number of threads, on every machine, as long as the distance model is deterministic
/// given θ and its stream. Only the wall-time budget (<see cref="AbcOptions.MaxTime"/>) breaks this.
/// </summary>
public static class AbcCalibration
{
    /// <summary>Validates <paramref name="options"/> and runs the strategy they describe.</summary>
    /// <param name="options">A <see cref="RejectionOptions"/>, <see cref="TopFractionOptions"/> or <see cref="SmcOptions"/>.</param>
    /// <param name="quantities">What to calibrate; θ holds one value per quantity, in this order.</param>
    /// <param name="model">Simulates θ and measures the distance to the observations.</param>
    /// <param name="seed">The seed of every random stream.</param>
    /// <param name="timeProvider">The clock for the wall-time budget and the generation timings (default: the system clock).</param>
    /// <param name="progress">Told each generation as it is completed (a log line per generation); null for none.</param>
    /// <param name="cancellationToken">Stops the calibration with an <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ModelValidationException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">No quantities, or a discrete prior without a finite integer support.</exception>
    public static CalibrationResult Run(AbcOptions options, IReadOnlyList<CalibratedQuantity> quantities, IDistanceModel model,
        ulong seed, TimeProvider? timeProvider = null, IProgress<CalibrationGeneration>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(quantities);
        ArgumentNullException.ThrowIfNull(model);
        options.Validate();
        using var run = new AbcRun(quantities, model, options, seed, timeProvider ?? TimeProvider.System, cancellationToken) { Progress = progress };
        return options switch
        {
            RejectionOptions rejection => AbcRejection.Run(run, rejection),
            TopFractionOptions topFraction => AbcTopFraction.Run(run, topFraction),
            SmcOptions smc => AbcSmc.Run(run, smc),
            _ => throw new ArgumentException($"unknown ABC options type {options.GetType().Name}", nameof(options)),
        };
    }
}
