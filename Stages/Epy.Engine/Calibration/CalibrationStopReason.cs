namespace Epy.Engine.Calibration;

/// <summary>Why a calibration stopped.</summary>
public enum CalibrationStopReason
{
    /// <summary>
    /// It ran to its end: every SMC generation asked for, the rejection sampler's particles all
    /// accepted, or the top-fraction sampler's simulations all done.
    /// </summary>
    Completed,

    /// <summary>
    /// SMC only: a generation's ε reached the minimum ε, or the next adaptive ε would be 0 (the
    /// previous generation's distance quantile is 0, so no distance could be below it).
    /// </summary>
    MinimumEpsilon,

    /// <summary>The total simulation budget ran out (SMC drops the unfinished generation).</summary>
    SimulationBudget,

    /// <summary>The wall-time budget ran out (SMC drops the unfinished generation).</summary>
    WallTime,
}
