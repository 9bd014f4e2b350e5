namespace Epy.Orchestrator.Local;

/// <summary>Where the local mode keeps things and how it runs the stage program.</summary>
public sealed class LocalModeOptions
{
    /// <summary>The SQLite file with runs and local jobs (default <c>{project}/.epy/orchestrator.db</c>).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>The folder laid out like the bucket (<c>LOCAL_DATA_PATH</c> of the stages).</summary>
    public required string BucketRoot { get; init; }

    /// <summary>The forecast repository (<c>FORECAST_REPO_DIR</c>): <c>experiments/{exp_id}/config/</c> lives here.</summary>
    public required string ForecastRepoDir { get; init; }

    /// <summary>Task logs go under <c>{LogsRoot}/{run_id}/{job_id}/task_00000.log</c>.</summary>
    public required string LogsRoot { get; init; }

    /// <summary>The log file of task <paramref name="task"/> (its index in the run) of job <paramref name="jobId"/> under <paramref name="logsRoot"/>.</summary>
    public static string TaskLogPath(string logsRoot, string runId, string jobId, int task) =>
        Path.Combine(logsRoot, runId, jobId, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"task_{task:D5}.log"));

    /// <summary>The stage program's command line before its stage argument, e.g. <c>dotnet /path/epy-stage.dll</c>.</summary>
    public required IReadOnlyList<string> StageCommand { get; init; }

    /// <summary>The artifact prefix inside the bucket folder (<c>DIR_PREFIX</c>), empty or ending in '/'.</summary>
    public string DirPrefix { get; init; } = "";

    /// <summary>Tasks running at once across all jobs (default: the machine's cores).</summary>
    public int MaxConcurrentTasks { get; init; } = System.Environment.ProcessorCount;

    /// <summary>More environment for the stage program (EPYDEMIX_DATA_DIR, ...).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>How often the reconciler looks at unsettled runs.</summary>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromSeconds(15);
}
