using System.Text.Json;
using Epy.Contracts.Builder;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage B's result for one task (<c>runner-artifacts/result_{00000}.json.gz</c>). The calibration and
/// projection are embedded as the engine writes them (<c>CalibrationResult.ToJson</c>,
/// <c>Projection.ToJson</c>); a sampling or basemodel simulation is written in the projection's shape
/// (its <c>n_sims</c> runs, each trajectory's particle the sample row, θ the sampled values).
/// </summary>
/// <param name="SchemaVersion">The format version, <see cref="TaskInput.CurrentSchema"/>.</param>
/// <param name="TaskIndex">The task index.</param>
/// <param name="Kind">What the task did.</param>
/// <param name="Location">The location's ISO code.</param>
/// <param name="Seed">The task's seed.</param>
/// <param name="SampleRow">The sample row (sampling); null otherwise.</param>
/// <param name="Calibration">The calibration result (calibration tasks); null otherwise.</param>
/// <param name="Projection">The projected or simulated trajectories, on a weekly grid.</param>
/// <param name="ElapsedSeconds">How long the task took.</param>
public sealed record TaskResult(
    int SchemaVersion,
    int TaskIndex,
    TaskKind Kind,
    string Location,
    ulong Seed,
    int? SampleRow,
    JsonElement? Calibration,
    JsonElement Projection,
    double ElapsedSeconds);
