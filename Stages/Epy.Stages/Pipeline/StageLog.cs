using System.Globalization;
using Epy.Contracts.Logging;
using Epy.Contracts.Stages;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Where the stage program's lines go: unchanged locally; in Cloud Batch (<c>BATCH_TASK_INDEX</c> set) or
/// with <c>EPY_LOG_FORMAT=json</c>, one JSON entry per line (<see cref="CloudLogJson"/>) carrying
/// <c>run_id</c>, <c>exp_id</c>, <c>stage</c>, <c>job_id</c> and, for a runner task, <c>task_index</c>
/// (the run's task number), so the run's and each task's lines can be found in Cloud Logging.
/// </summary>
public static class StageLog
{
    /// <summary>The entries' <c>logger</c>.</summary>
    public const string Logger = "epy-stage";

    /// <summary>The writer for stage <paramref name="stage"/>: <paramref name="log"/> itself, or a JSON writer around it.</summary>
    public static TextWriter Open(string stage, Func<string, string?> env, TextWriter log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(env);
        return LogFormats.FromEnvironment(env) == LogFormat.Json ? new CloudLogWriter(log, time, Logger, Fields(stage, env)) : log;
    }

    /// <summary>Writes a failure line: at ERROR severity when <paramref name="log"/> writes JSON.</summary>
    public static void Error(TextWriter log, string line)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log is CloudLogWriter json)
            json.WriteEntry(CloudSeverity.Error, line);
        else
            log.WriteLine(line);
    }

    /// <summary>The fields on every entry of <paramref name="stage"/>, from the stage's environment (those set).</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> Fields(string stage, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var fields = new List<KeyValuePair<string, object?>>();
        void Add(string name, object? value)
        {
            if (value is not null and not "")
                fields.Add(new(name, value));
        }
        Add(LogFields.RunId, env(StageVariables.RunId));
        Add(LogFields.ExpId, env(StageVariables.ExpId));
        Add(LogFields.Stage, stage);
        Add(LogFields.JobId, env(StageVariables.JobId));
        if (stage == "runner")
            Add(LogFields.TaskIndex, TaskIndex(env));
        return fields;
    }

    private static int? TaskIndex(Func<string, string?> env)
    {
        try
        {
            return StageSettings.TaskIndexFrom(env(StageVariables.TaskIndex), env(StageVariables.BatchTaskIndex), env(StageVariables.TaskIndexMap));
        }
        catch (StageException)
        {
            // A malformed index is reported by the stage itself; the raw value still says which task it was.
            return int.TryParse(env(StageVariables.BatchTaskIndex), NumberStyles.None, CultureInfo.InvariantCulture, out var raw) ? raw : null;
        }
    }
}
