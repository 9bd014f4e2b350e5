using Epy.Engine.Calibration;

namespace Epy.Stages.Outputs;

/// <summary>
/// What Stage C aggregates for one task, one model (<c>primary_id</c>): the location it modelled and what
/// its calibration and projection (or its <c>n_sims</c> runs) produced.
/// </summary>
/// <param name="PrimaryId">The task's id in the run (its builder index).</param>
/// <param name="Population">The location as an ISO 3166-2 code, e.g. <c>US-MA</c> (or <c>US</c>).</param>
/// <param name="Seed">The task's seed.</param>
/// <param name="Projection">The projected trajectories on their weekly grid.</param>
/// <param name="Calibration">The calibration that produced the posterior, when posteriors are wanted.</param>
/// <param name="Generations">
/// Which calibration generations the posteriors list; null for the last one only.
/// </param>
public sealed record LocationResult(
    int PrimaryId,
    string Population,
    ulong Seed,
    Projection Projection,
    CalibrationResult? Calibration = null,
    IReadOnlyList<int>? Generations = null);
