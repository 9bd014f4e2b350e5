namespace Epy.Stages.Pipeline;

/// <summary>
/// The builder's manifest (<c>builder-artifacts/manifest.json</c>), written after every task input: its
/// presence means the inputs are complete, and <see cref="TaskCount"/> is the N of Stage B.
/// </summary>
/// <param name="SchemaVersion">The format version, <see cref="TaskInput.CurrentSchema"/>.</param>
/// <param name="ExpId">The experiment id.</param>
/// <param name="RunId">The run id.</param>
/// <param name="Kind">What the tasks do.</param>
/// <param name="TaskCount">How many tasks (and inputs) there are.</param>
/// <param name="Tasks">Every task, by index.</param>
/// <param name="Configs">The config files copied under <c>config/</c>, with digests.</param>
/// <param name="Data">The data and reference files copied under <c>builder-artifacts/</c>, with digests.</param>
/// <param name="ProgramVersion">The stage program's version.</param>
/// <param name="CreatedAt">When the builder finished (UTC).</param>
/// <param name="ForecastRepo">The forecast repository the configs came from (absent in manifests written before it was recorded).</param>
/// <param name="Sources">An aggregation's source runs, each as resolved (absent for other experiments).</param>
public sealed record BuildManifest(
    int SchemaVersion,
    string ExpId,
    string RunId,
    TaskKind Kind,
    int TaskCount,
    IReadOnlyList<ManifestTask> Tasks,
    IReadOnlyList<ArtifactDigest> Configs,
    IReadOnlyList<ArtifactDigest> Data,
    string ProgramVersion,
    DateTimeOffset CreatedAt,
    ForecastRepoSource? ForecastRepo = null,
    IReadOnlyList<ResolvedSource>? Sources = null);
