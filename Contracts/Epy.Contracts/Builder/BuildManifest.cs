using System.Text.Json;

namespace Epy.Contracts.Builder;

/// <summary>
/// The builder's manifest (<c>builder-artifacts/manifest.json</c>, <see cref="Runs.ArtifactPaths.Manifest"/>),
/// written after every task input: its presence means the inputs are complete, and <see cref="TaskCount"/>
/// is the N of Stage B. The stage program writes it as snake_case JSON; the orchestrator reads it with
/// <see cref="ReadTaskCount"/>.
/// </summary>
/// <param name="SchemaVersion">The format version, the stage program's <c>TaskInput.CurrentSchema</c> (2 today).</param>
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
    IReadOnlyList<ResolvedSource>? Sources = null)
{
    /// <summary>
    /// The <c>task_count</c> of a manifest's JSON, all the orchestrator needs of it. Only that field is
    /// read, so a manifest of another schema version still starts Stage B.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, or <c>task_count</c> is missing or not a non-negative integer; the message says which.</exception>
    public static int ReadTaskCount(ReadOnlyMemory<byte> json)
    {
        if (json.Span.StartsWith("\uFEFF"u8))
            json = json[3..];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("task_count", out var count)
                && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) && n >= 0)
                return n;
        }
        catch (JsonException malformed)
        {
            throw new InvalidDataException($"not valid JSON ({malformed.Message})", malformed);
        }
        throw new InvalidDataException("field 'task_count' is missing or not a non-negative integer");
    }
}
