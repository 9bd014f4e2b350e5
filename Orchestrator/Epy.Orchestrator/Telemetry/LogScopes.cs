using Epy.Contracts.Logging;
using Epy.Contracts.Runs;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Telemetry;

/// <summary>Logging scopes that put the run, experiment, stage and task on every entry written inside them.</summary>
public static class LogScopes
{
    /// <summary>A scope for work on <paramref name="run"/> (of <paramref name="experiment"/>, when known).</summary>
    public static IDisposable? BeginRunScope(this ILogger log, RunId run, ExperimentId? experiment = null, JobId? job = null, int? taskIndex = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        var fields = new List<KeyValuePair<string, object?>>(5) { new(LogFields.RunId, run.Value) };
        if (experiment is { } exp)
            fields.Add(new(LogFields.ExpId, exp.Value));
        if (job is not null)
        {
            fields.Add(new(LogFields.Stage, job.Stage.Command()));
            fields.Add(new(LogFields.JobId, job.Value));
        }
        if (taskIndex is { } task)
            fields.Add(new(LogFields.TaskIndex, task));
        return log.BeginScope(new LogScopeFields(fields));
    }
}
