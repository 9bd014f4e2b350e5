using System.Globalization;

namespace Epy.Contracts.Runs;

/// <summary>
/// Where a run's files live, relative to the bucket (or local folder):
/// <c>{dir_prefix}{exp_id}/{run_id}/...</c>, the layout the existing pipeline uses.
/// </summary>
/// <param name="DirPrefix">A prefix such as <c>pipeline/flu/</c> (empty or ending in '/').</param>
/// <param name="Experiment">The experiment.</param>
/// <param name="Run">The run.</param>
public sealed record ArtifactPaths(string DirPrefix, ExperimentId Experiment, RunId Run)
{
    /// <summary>The run's folder, ending in '/'.</summary>
    public string Root => $"{DirPrefix}{Experiment}/{Run}/";

    /// <summary>Stage A's input for task <paramref name="index"/>: <c>builder-artifacts/input_00000.json.gz</c>.</summary>
    public string TaskInput(int index) => $"{Root}builder-artifacts/input_{index.ToString("D5", CultureInfo.InvariantCulture)}.json.gz";

    /// <summary>Stage A's manifest, which says how many tasks Stage B runs.</summary>
    public string Manifest => $"{Root}builder-artifacts/manifest.json";

    /// <summary>Stage B's result for task <paramref name="index"/>: <c>runner-artifacts/result_00000.json.gz</c>.</summary>
    public string TaskResult(int index) => $"{Root}runner-artifacts/result_{index.ToString("D5", CultureInfo.InvariantCulture)}.json.gz";

    /// <summary>Stage C's output folder.</summary>
    public string Outputs => $"{Root}outputs/";

    /// <summary>The run's metadata, written when it ends.</summary>
    public string RunMetadata => $"{Root}run_metadata.json";

    /// <summary>The orchestrator's record of the run (status, jobs, failures, history), written when it ends.</summary>
    public string RunRecord => $"{Root}run_record.json";
}
