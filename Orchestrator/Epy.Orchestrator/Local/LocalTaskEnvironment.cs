using System.Globalization;
using Epy.Contracts.Logging;
using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Local;

/// <summary>The environment a local stage task runs with.</summary>
public static class LocalTaskEnvironment
{
    /// <summary>
    /// The environment the stage program runs with for one task of <paramref name="job"/>: the local folders, the
    /// experiment and run, the task's index (<paramref name="batchIndex"/> in the job, <paramref name="runIndex"/> in the
    /// run), and <c>NUM_TASKS</c> when <paramref name="runTaskCount"/> is known (the builder decides it; later stages
    /// are told), and <c>TASK_MEMORY_BUDGET_MIB</c> when <paramref name="taskMemoryBudgetMib"/> is set (the runner task's
    /// memory, which the builder and the runner check a task's estimate against). Pure; <c>epycloud run job</c> starts a
    /// single stage with the same environment.
    /// </summary>
    public static Dictionary<string, string> Of(LocalModeOptions options, ExperimentId experiment, JobId job, int batchIndex, int runIndex,
        int runTaskCount, bool allowPartialResults, int taskMemoryBudgetMib = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(job);
        var env = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal)
        {
            ["EXECUTION_MODE"] = "local",
            ["LOCAL_DATA_PATH"] = options.BucketRoot,
            ["DIR_PREFIX"] = options.DirPrefix,
            ["FORECAST_REPO_DIR"] = options.ForecastRepoDir,
            ["EXP_ID"] = experiment.Value,
            ["RUN_ID"] = job.Run.Value,
            ["TASK_INDEX"] = runIndex.ToString(CultureInfo.InvariantCulture),
            ["BATCH_TASK_INDEX"] = batchIndex.ToString(CultureInfo.InvariantCulture),
            ["ALLOW_PARTIAL_RESULTS"] = allowPartialResults ? "true" : "false",
            ["EPY_JOB_ID"] = job.Value,
        };
        // Task logs here are files people read: text, unless this process was asked for JSON (BATCH_TASK_INDEX
        // alone would make the stage program write JSON, as it does in Cloud Batch).
        env.TryAdd(LogFormats.FormatVariable, System.Environment.GetEnvironmentVariable(LogFormats.FormatVariable) ?? "text");
        if (runTaskCount > 0)
            env["NUM_TASKS"] = runTaskCount.ToString(CultureInfo.InvariantCulture);
        if (taskMemoryBudgetMib > 0)
            env["TASK_MEMORY_BUDGET_MIB"] = taskMemoryBudgetMib.ToString(CultureInfo.InvariantCulture);
        return env;
    }
}
