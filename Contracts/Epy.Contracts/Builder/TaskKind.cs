namespace Epy.Contracts.Builder;

/// <summary>What one Stage B task does.</summary>
public enum TaskKind
{
    /// <summary>Calibrates one location, then projects from its posterior.</summary>
    Calibration,

    /// <summary>Simulates one row of one location's sample set, <c>n_sims</c> times.</summary>
    Sampling,

    /// <summary>Simulates the basemodel alone, <c>n_sims</c> times.</summary>
    Simulation,

    /// <summary>Combines the results of source runs for one location (an aggregation experiment).</summary>
    Aggregation,
}
