using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Contracts.Stages;

namespace Epy.Stages.Pipeline;

/// <summary>
/// A stage's settings, read from environment variables compatible with the existing pipeline. Each
/// stage asks only for what it needs (<see cref="Require"/>), so a missing variable is reported
/// by name, as bad input.
/// </summary>
/// <param name="Mode"><c>EXECUTION_MODE</c>: local (default) or cloud.</param>
/// <param name="Bucket"><c>GCS_BUCKET</c> (cloud).</param>
/// <param name="DirPrefix"><c>DIR_PREFIX</c>, empty or ending in '/' (a missing '/' is added).</param>
/// <param name="ExpId"><c>EXP_ID</c>.</param>
/// <param name="RunId"><c>RUN_ID</c>.</param>
/// <param name="LocalDataPath"><c>LOCAL_DATA_PATH</c>: the root of the local artifact folder (local).</param>
/// <param name="ForecastRepoDir"><c>FORECAST_REPO_DIR</c> (builder): a local forecast repository; when set, the GitHub settings are not used.</param>
/// <param name="TaskIndex"><c>TASK_INDEX</c>, else <c>BATCH_TASK_INDEX</c> mapped through <c>TASK_INDEX_MAP</c> when set (runner).</param>
/// <param name="NumTasks"><c>NUM_TASKS</c>: when set, the runner checks its index against it.</param>
/// <param name="AllowPartialResults"><c>ALLOW_PARTIAL_RESULTS</c> (default true): Stage C tolerates missing results.</param>
/// <param name="OutputConfigFile"><c>OUTPUT_CONFIG_FILE</c>: an output config replacing the experiment's (a path, or a file name under the run's <c>config/</c>).</param>
/// <param name="EpydemixDataDir"><c>EPYDEMIX_DATA_DIR</c> (builder; the runner reads populations from its input): an epydemix-data root looked at first (see <see cref="PopulationData"/>).</param>
/// <param name="LocationCodebook"><c>LOCATION_CODEBOOK</c>: the codebook path (default: see <see cref="CodebookSearch"/>).</param>
/// <param name="FlusightLocations"><c>FLUSIGHT_LOCATIONS</c>: FluSight's locations table (default: see <see cref="FlusightLocationsSearch"/>).</param>
/// <param name="GithubForecastRepo"><c>GITHUB_FORECAST_REPO</c> (builder, when <c>FORECAST_REPO_DIR</c> is not set): <c>owner/repo</c> on GitHub, or a full https or file URL, cloned shallowly.</param>
/// <param name="ForecastRepoRef"><c>FORECAST_REPO_REF</c>: the branch, tag or full commit SHA to clone (default: the remote's default branch).</param>
/// <param name="GithubPatSecret"><c>GITHUB_PAT_SECRET</c>: the Secret Manager secret holding the token for the clone (<c>projects/{p}/secrets/{s}</c>, with or without <c>/versions/{v}</c>, or a secret id in <c>GOOGLE_CLOUD_PROJECT</c>); none: an anonymous clone.</param>
/// <param name="HubConfigDir"><c>HUB_CONFIG_DIR</c>: the hub-config folder Stage C builds and validates its hub file against when the output config names no <c>flusight_format.hub_config</c> (default: the FluSight one shipped in <c>data/flusight-hub/</c>).</param>
/// <param name="GoogleCloudProject"><c>GOOGLE_CLOUD_PROJECT</c>: the project of a <c>GITHUB_PAT_SECRET</c> given as a bare secret id.</param>
public sealed record StageSettings(
    ExecutionMode Mode,
    string? Bucket,
    string DirPrefix,
    string? ExpId,
    string? RunId,
    string? LocalDataPath,
    string? ForecastRepoDir,
    int? TaskIndex,
    int? NumTasks,
    bool AllowPartialResults,
    string? OutputConfigFile,
    string? EpydemixDataDir,
    string? LocationCodebook,
    string? FlusightLocations,
    string? GithubForecastRepo = null,
    string? ForecastRepoRef = null,
    string? GithubPatSecret = null,
    string? GoogleCloudProject = null,
    string? HubConfigDir = null)
{
    /// <summary>Reads the settings through <paramref name="env"/> (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</summary>
    /// <exception cref="StageException">A value is present but invalid (bad input), naming the variable.</exception>
    public static StageSettings FromEnvironment(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        string? Get(string name) => env(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;
        var mode = Get(StageVariables.ExecutionMode)?.ToLowerInvariant() switch
        {
            null or "local" => ExecutionMode.Local,
            "cloud" => ExecutionMode.Cloud,
            var other => throw StageException.BadInput($"EXECUTION_MODE: '{other}' is not local or cloud"),
        };
        var prefix = Get(StageVariables.DirPrefix) ?? string.Empty;
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
            prefix += "/";
        var repo = Get(StageVariables.ForecastRepoDir);
        var budget = Count(StageVariables.TaskMemoryBudgetMib, Get(StageVariables.TaskMemoryBudgetMib)) ?? WorkLimits.DefaultMemoryBudgetMib;
        return new StageSettings(
            mode,
            Get(StageVariables.Bucket),
            prefix,
            Get(StageVariables.ExpId),
            Get(StageVariables.RunId),
            Get(StageVariables.LocalDataPath),
            repo,
            TaskIndexFrom(Get(StageVariables.TaskIndex), Get(StageVariables.BatchTaskIndex), Get(StageVariables.TaskIndexMap)),
            Count(StageVariables.NumTasks, Get(StageVariables.NumTasks)),
            Flag(StageVariables.AllowPartialResults, Get(StageVariables.AllowPartialResults), fallback: true),
            Get(StageVariables.OutputConfigFile),
            Get(StageVariables.EpydemixDataDir),
            Get(StageVariables.LocationCodebook),
            Get(StageVariables.FlusightLocations),
            Get(StageVariables.GithubForecastRepo),
            Get(StageVariables.ForecastRepoRef),
            Get(StageVariables.GithubPatSecret),
            Get(StageVariables.GoogleCloudProject),
            Get(StageVariables.HubConfigDir))
        {
            TaskMemoryBudgetMib = budget,
        };
    }

    /// <summary>
    /// <c>TASK_MEMORY_BUDGET_MIB</c>: the memory one task may be estimated to need (builder, validate, runner);
    /// default <see cref="WorkLimits.DefaultMemoryBudgetMib"/>, the runner VM's default memory.
    /// </summary>
    public int TaskMemoryBudgetMib { get; init; } = WorkLimits.DefaultMemoryBudgetMib;

    /// <summary>
    /// The <c>data/</c> folder shipped beside the program (the reference tables and the population data
    /// the product carries; default <c>{program folder}/data</c>).
    /// </summary>
    public string ShippedData { get; init; } = Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// Where the location codebook is looked for: <c>LOCATION_CODEBOOK</c> alone when set; else
    /// <c>data/location_codebook.csv</c> of the forecast repository <paramref name="repo"/>, then the copy
    /// shipped with the program.
    /// </summary>
    public DataSearch CodebookSearch(string repo) =>
        TableSearch("the location codebook", StageVariables.LocationCodebook, LocationCodebook, repo, "location_codebook.csv");

    /// <summary>Where FluSight's locations table is looked for: as <see cref="CodebookSearch"/>, with <c>FLUSIGHT_LOCATIONS</c> and <c>flusight_locations.csv</c>.</summary>
    public DataSearch FlusightLocationsSearch(string repo) =>
        TableSearch("FluSight's locations table", StageVariables.FlusightLocations, FlusightLocations, repo, "flusight_locations.csv");

    /// <summary>The location codebook's path (see <see cref="CodebookSearch"/>).</summary>
    /// <exception cref="StageException">It is nowhere (bad input), naming every place looked.</exception>
    public string CodebookPath(string repo)
    {
        var search = CodebookSearch(repo);
        return search.Find()?.Path ?? throw StageException.BadInput(search.NotFound());
    }

    /// <summary>
    /// Where each location's population data is looked for, in order: <c>EPYDEMIX_DATA_DIR</c> when set
    /// (it must be a folder), <c>data/epydemix-data</c> of the forecast repository <paramref name="repo"/>,
    /// then the copy shipped with the program. A location is read from the first root that has it.
    /// </summary>
    /// <exception cref="StageException"><c>EPYDEMIX_DATA_DIR</c> is set but is not a folder (bad input).</exception>
    public PopulationDataSearch PopulationData(string repo)
    {
        var roots = new List<DataPlace>();
        if (EpydemixDataDir is { } explicitRoot)
        {
            if (!Directory.Exists(explicitRoot))
                throw StageException.BadInput($"EPYDEMIX_DATA_DIR: {explicitRoot} is not a folder");
            roots.Add(new DataPlace(Path.GetFullPath(explicitRoot), StageVariables.EpydemixDataDir));
        }
        roots.Add(new DataPlace(Path.GetFullPath(Path.Combine(repo, "data", "epydemix-data")), "the forecast repository"));
        roots.Add(new DataPlace(Path.GetFullPath(Path.Combine(ShippedData, "epydemix-data")), "shipped with the program"));
        return new PopulationDataSearch(roots);
    }

    /// <summary>The value of a setting a stage needs, or a bad-input failure naming the variable.</summary>
    public static T Require<T>(T? value, string variable, string why) where T : class =>
        value ?? throw StageException.BadInput($"{variable} is not set: {why}");

    /// <summary>The run's artifact paths (<c>EXP_ID</c>, <c>RUN_ID</c>, <c>DIR_PREFIX</c>), validated.</summary>
    public ArtifactPaths Paths()
    {
        var exp = Require(ExpId, StageVariables.ExpId, "the experiment to run");
        var run = Require(RunId, StageVariables.RunId, "the run's id, e.g. 20261124-101500-a1b2c3d4");
        if (!ExperimentId.TryParse(exp, out var experiment, out var reason))
            throw StageException.BadInput($"EXP_ID: {reason}");
        if (!Contracts.Runs.RunId.TryParse(run, out var runId))
            throw StageException.BadInput($"RUN_ID: '{run}' is not a run id; expected UTC time and 8 hex digits like 20261124-101500-a1b2c3d4");
        return new ArtifactPaths(DirPrefix, experiment, runId);
    }

    /// <summary>
    /// The run's task index: <c>TASK_INDEX</c>; else <c>BATCH_TASK_INDEX</c>, mapped through <c>TASK_INDEX_MAP</c>
    /// (comma-separated run task indices) when a resumed job runs only some of the run's tasks.
    /// </summary>
    internal static int? TaskIndexFrom(string? taskIndex, string? batchIndex, string? map)
    {
        if (taskIndex is not null)
            return Index(StageVariables.TaskIndex, taskIndex);
        var index = Index(StageVariables.BatchTaskIndex, batchIndex);
        if (index is null || map is null)
            return index;
        var entries = map.Split(',', StringSplitOptions.TrimEntries);
        if (index >= entries.Length)
            throw StageException.BadInput($"TASK_INDEX_MAP: BATCH_TASK_INDEX {index} is beyond its {entries.Length} entries");
        return Index(StageVariables.TaskIndexMap, entries[index.Value]);
    }

    private static int? Index(string variable, string? text)
    {
        if (text is null)
            return null;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : throw StageException.BadInput($"{variable}: '{text}' is not a task index (0, 1, ...)");
    }

    private static int? Count(string variable, string? text) =>
        Index(variable, text) is { } value && value < 1 ? throw StageException.BadInput($"{variable}: must be at least 1, got {value}") : Index(variable, text);

    private static bool Flag(string variable, string? text, bool fallback) => text?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw StageException.BadInput($"{variable}: '{text}' is not true or false"),
    };

    private DataSearch TableSearch(string what, string variable, string? setting, string repo, string file) => setting is not null
        ? new DataSearch(what, [new DataPlace(Path.GetFullPath(setting), variable)])
        : new DataSearch(what, [
            new DataPlace(Path.GetFullPath(Path.Combine(repo, "data", file)), "the forecast repository"),
            new DataPlace(Path.GetFullPath(Path.Combine(ShippedData, file)), "shipped with the program"),
        ]);
}
