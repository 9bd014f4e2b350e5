using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Runs;

/// <summary>Maps a stored run to its API view.</summary>
public static class RunViews
{
    /// <summary>The view of <paramref name="stored"/>.</summary>
    public static RunView From(StoredRun stored, string dirPrefix, IReadOnlyList<string>? outputs)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var state = stored.State;
        var jobs = state.Jobs.Select(job => new JobView(
            job.Id.Value, job.Id.Stage.Command(), job.Id.Attempt, job.State?.ToBatchName() ?? "SUBMITTED", job.TaskCount,
            job.Counts?.Pending ?? (job.IsFinal ? 0 : job.TaskCount), job.Counts?.Running ?? 0, job.Counts?.Succeeded ?? 0, job.Counts?.Failed ?? 0,
            job.SubmittedAt, job.StartedAt, job.EndedAt, job.IsWaiting ? job.WaitReason : null)).ToList();
        return new RunView(
            state.Run.Value, state.Experiment.Value, state.Status.ToWire(), state.CreatedAt, state.UpdatedAt, state.Deadline,
            state.TaskCount, state.Failure, state.Request.RequestedBy,
            state.Request.Labels.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            jobs,
            [.. state.FailedTasks.Select(task => new FailedTaskView(task.Index, task.ExitCode))],
            state.AutoResumesUsed, state.ManualResumes,
            new ArtifactPaths(dirPrefix, state.Experiment, state.Run).Root,
            outputs,
            [.. state.History.Select(entry => new HistoryView(entry.At, entry.Status.ToWire(), entry.What))])
        {
            WaitReason = state.Status.IsTerminal() || state.ActiveJob is not { IsWaiting: true } waiting ? null : waiting.WaitReason,
        };
    }
}
