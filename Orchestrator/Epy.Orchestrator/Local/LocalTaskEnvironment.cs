using System.Globalization;
using Epy.Contracts.Logging;
using Epy.Contracts.Runs;
using Epy.Contracts.Stages;

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
            [StageVariables.ExecutionMode] = "local",
            [StageVariables.LocalDataPath] = options.BucketRoot,
            [StageVariables.DirPrefix] = options.DirPrefix,
            [StageVariables.ForecastRepoDir] = options.ForecastRepoDir,
            [StageVariables.ExpId] = experiment.Value,
            [StageVariables.RunId] = job.Run.Value,
            [StageVariables.TaskIndex] = runIndex.ToString(CultureInfo.InvariantCulture),
            [StageVariables.BatchTaskIndex] = batchIndex.ToString(CultureInfo.InvariantCulture),
            [StageVariables.AllowPartialResults] = allowPartialResults ? "true" : "false",
            [StageVariables.JobId] = job.Value,
        };
        // Task logs here are files people read: text, unless this process was asked for JSON (BATCH_TASK_INDEX
        // alone would make the stage program write JSON, as it does in Cloud Batch).
        env.TryAdd(LogFormats.FormatVariable, System.Environment.GetEnvironmentVariable(LogFormats.FormatVariable) ?? "text");
        if (runTaskCount > 0)
            env[StageVariables.NumTasks] = runTaskCount.ToString(CultureInfo.InvariantCulture);
        if (taskMemoryBudgetMib > 0)
            env[StageVariables.TaskMemoryBudgetMib] = taskMemoryBudgetMib.ToString(CultureInfo.InvariantCulture);
        return env;
    }
}
