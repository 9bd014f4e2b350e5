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

    /// <summary>Stage B's result folder, ending in '/'.</summary>
    public string TaskResults => $"{Root}runner-artifacts/";

    /// <summary>
    /// The task index of <paramref name="path"/> when it is a task result of this run (<see cref="TaskResult"/>'s
    /// form, under <see cref="TaskResults"/>); null for anything else.
    /// </summary>
    public int? TaskResultIndex(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        const string prefix = "result_", suffix = ".json.gz";
        if (!path.StartsWith(TaskResults, StringComparison.Ordinal))
            return null;
        var name = path[TaskResults.Length..];
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || !name.EndsWith(suffix, StringComparison.Ordinal))
            return null;
        var digits = name[prefix.Length..^suffix.Length];
        return digits.Length >= 5 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && TaskResult(index) == path ? index : null;
    }

    /// <summary>Stage C's output folder.</summary>
    public string Outputs => $"{Root}outputs/";

    /// <summary>The run's metadata, written when it ends.</summary>
    public string RunMetadata => $"{Root}run_metadata.json";

    /// <summary>The orchestrator's record of the run (status, jobs, failures, history), written when it ends.</summary>
    public string RunRecord => $"{Root}run_record.json";
}
