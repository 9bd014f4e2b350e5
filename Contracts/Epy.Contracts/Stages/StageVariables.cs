namespace Epy.Contracts.Stages;

/// <summary>
/// The environment variables the stage program (<c>epy-stage</c>) reads: the orchestrator sets them for each
/// task, locally (child processes) and in Cloud Batch (the job's environment), and the stage program reads them
/// by these names alone, so the two sides cannot drift apart.
/// </summary>
public static class StageVariables
{
    /// <summary><c>local</c> (a folder) or <c>cloud</c> (Cloud Storage); unset means local.</summary>
    public const string ExecutionMode = "EXECUTION_MODE";

    /// <summary>The Cloud Storage bucket holding the run (cloud mode).</summary>
    public const string Bucket = "GCS_BUCKET";

    /// <summary>The folder under the bucket (or the local data folder) where the pipeline's runs live.</summary>
    public const string DirPrefix = "DIR_PREFIX";

    /// <summary>The experiment id (a path in the forecast repository, e.g. <c>flu/round05</c>).</summary>
    public const string ExpId = "EXP_ID";

    /// <summary>The run id.</summary>
    public const string RunId = "RUN_ID";

    /// <summary>The local folder that plays the bucket's part (local mode).</summary>
    public const string LocalDataPath = "LOCAL_DATA_PATH";

    /// <summary>A local checkout of the forecast repository (local mode and validate).</summary>
    public const string ForecastRepoDir = "FORECAST_REPO_DIR";

    /// <summary>The task's index in the run (0-based); wins over <see cref="BatchTaskIndex"/>.</summary>
    public const string TaskIndex = "TASK_INDEX";

    /// <summary>The task's index in its job, which Cloud Batch sets; mapped through <see cref="TaskIndexMap"/> when given.</summary>
    public const string BatchTaskIndex = "BATCH_TASK_INDEX";

    /// <summary>A resumed job's map from its task indices to the run's task indices (comma-separated).</summary>
    public const string TaskIndexMap = "TASK_INDEX_MAP";

    /// <summary>How many tasks the run has (the builder decides; later stages are told).</summary>
    public const string NumTasks = "NUM_TASKS";

    /// <summary><c>true</c> when Stage C may aggregate with some runner results missing.</summary>
    public const string AllowPartialResults = "ALLOW_PARTIAL_RESULTS";

    /// <summary>The output config file for Stage C, in the forecast repository.</summary>
    public const string OutputConfigFile = "OUTPUT_CONFIG_FILE";

    /// <summary>A folder of epydemix population data (instead of the shipped one).</summary>
    public const string EpydemixDataDir = "EPYDEMIX_DATA_DIR";

    /// <summary>A location codebook CSV (instead of the shipped one).</summary>
    public const string LocationCodebook = "LOCATION_CODEBOOK";

    /// <summary>A FluSight locations CSV (instead of the shipped one).</summary>
    public const string FlusightLocations = "FLUSIGHT_LOCATIONS";

    /// <summary>The forecast repository on GitHub (<c>owner/name</c>) the builder clones (cloud mode).</summary>
    public const string GithubForecastRepo = "GITHUB_FORECAST_REPO";

    /// <summary>The branch, tag or commit of the forecast repository to build from.</summary>
    public const string ForecastRepoRef = "FORECAST_REPO_REF";

    /// <summary>The Secret Manager secret holding the GitHub token (the builder alone reads it).</summary>
    public const string GithubPatSecret = "GITHUB_PAT_SECRET";

    /// <summary>The Google Cloud project (for Secret Manager).</summary>
    public const string GoogleCloudProject = "GOOGLE_CLOUD_PROJECT";

    /// <summary>A FluSight hub configuration folder (tasks.json, ...) instead of the bundled one.</summary>
    public const string HubConfigDir = "HUB_CONFIG_DIR";

    /// <summary>The memory a runner task may use, in MiB: the builder checks each task's estimate against it.</summary>
    public const string TaskMemoryBudgetMib = "TASK_MEMORY_BUDGET_MIB";

    /// <summary>The Batch (or local) job id the task belongs to, for its log lines.</summary>
    public const string JobId = "EPY_JOB_ID";

    /// <summary><c>1</c> when the local orchestrator keeps the task's standard input open as a lifeline.</summary>
    public const string StdinLifeline = "EPY_STDIN_LIFELINE";
}
