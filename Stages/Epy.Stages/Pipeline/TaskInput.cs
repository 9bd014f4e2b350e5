namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage A's input for one Stage B task (<c>builder-artifacts/input_{00000}.json.gz</c>), self-contained
/// and versioned. It does not embed the built model: it names the configs, data and reference files
/// the builder copied into the run folder (with their digests), and the runner rebuilds the
/// location's model from those copies, so it never needs the forecast repository.
/// </summary>
/// <param name="SchemaVersion">The format version, <see cref="CurrentSchema"/>.</param>
/// <param name="TaskIndex">The task's index, 0 to N−1.</param>
/// <param name="Kind">What the task does.</param>
/// <param name="ExpId">The experiment id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Location">The location's ISO 3166-2 code (<c>US-MA</c>).</param>
/// <param name="Seed">The task's seed (<see cref="TaskSeed.For"/>).</param>
/// <param name="ExperimentSeed">The basemodel's <c>random_seed</c> (0 when not written) the task seed derives from.</param>
/// <param name="Configs">The experiment's config files under <c>config/</c>.</param>
/// <param name="Data">The forecast repository's data files and the reference tables the run reads.</param>
/// <param name="SampleRow">The sample-set row (sampling tasks); null otherwise.</param>
/// <param name="Sample">The row's values (sampling tasks); empty otherwise.</param>
public sealed record TaskInput(
    int SchemaVersion,
    int TaskIndex,
    TaskKind Kind,
    string ExpId,
    string RunId,
    string Location,
    ulong Seed,
    ulong ExperimentSeed,
    IReadOnlyList<ArtifactDigest> Configs,
    IReadOnlyList<ArtifactDigest> Data,
    int? SampleRow,
    IReadOnlyList<SampleValue> Sample)
{
    /// <summary>The schema version this program writes and reads.</summary>
    public const int CurrentSchema = 1;
}
