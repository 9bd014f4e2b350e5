using System.Diagnostics;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;

namespace Epy.Orchestrator.Handling;

/// <summary>
/// Carries out run commands through the ports. Every command is idempotent (deterministic job ids,
/// result events with deterministic ids), so carrying one out again after a crash is harmless.
/// Transient failures are retried here a few times, then left in the outbox for the reconciler;
/// permanent ones come back as <see cref="CommandFailedPermanently"/>.
/// </summary>
public sealed partial class CommandExecutor(
    IRunStore store, IJobRunner jobs, IRunArtifacts artifacts, ResiliencePipeline resilience, string dirPrefix, ILogger<CommandExecutor> log)
{
    /// <summary>After this many failed tries (across reconciler passes) a command fails for good.</summary>
    public const int MaxAttempts = 20;

    /// <summary>Carries out <paramref name="command"/>: whether it is done (or failed for good), and the event its result is, if any.</summary>
    public Task<CommandOutcome> ExecuteAsync(RunId run, RunCommand command, CancellationToken cancellationToken) =>
        ExecuteAsync(run, command, retry: true, cancellationToken);

    /// <summary>
    /// Carries out <paramref name="command"/>; without <paramref name="retry"/> the command's own retries are
    /// skipped (a re-drive: the port's call keeps its one retry layer, the reconciler's next pass is the next try).
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(RunId run, RunCommand command, bool retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var activity = OrchestratorTelemetry.Source.StartActivity($"command {command.Kind}");
        activity?.SetTag(OrchestratorTelemetry.RunId, run.Value);
        activity?.SetTag(OrchestratorTelemetry.CommandKind, command.Kind);
        activity?.SetTag(OrchestratorTelemetry.CommandId, command.CommandId);
        var job = command switch
        {
            SubmitJob submit => submit.Spec.Id,
            CancelJob cancel => cancel.Job,
            ListFailedTasks list => list.Job,
            _ => null,
        };
        if (job is not null)
            activity?.SetTag(OrchestratorTelemetry.JobId, job.Value);
        using var scope = log.BeginRunScope(run, (command as SubmitJob)?.Spec.Experiment, job);
        try
        {
            var pipeline = retry ? resilience : ResiliencePipeline.Empty;
            var tries = 0;
            var superseded = false;
            var result = await pipeline.ExecuteAsync(async ct =>
            {
                // A retry first checks the command still waits in the outbox: a decision committed since the last
                // try (a cancel, a deadline) may have superseded it, and a submit carried out now would run for nothing.
                if (tries++ > 0 && !await StillWaitingAsync(run, command, ct).ConfigureAwait(false))
                {
                    superseded = true;
                    return null;
                }
                return await CarryOutAsync(run, command, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (superseded)
                LogSuperseded(run, command.CommandId, tries - 1);
            return new CommandOutcome(true, result);
        }
        catch (CommandFailedException failure) when (failure.Permanent)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            LogFailed(run, command.CommandId, failure.Message);
            return new CommandOutcome(true, new CommandFailedPermanently($"{command.CommandId}:failed", command.CommandId, failure.Message));
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Message);
            await store.RecordAttemptAsync(run, command.CommandId, cancellationToken).ConfigureAwait(false);
            var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
            var attempts = stored?.Outbox.FirstOrDefault(e => e.Command.CommandId == command.CommandId)?.Attempts ?? 0;
            LogTransient(run, command.CommandId, attempts, failure.Message);
            return attempts >= MaxAttempts
                ? new CommandOutcome(true, new CommandFailedPermanently($"{command.CommandId}:failed", command.CommandId, $"gave up after {attempts} tries: {failure.Message}"))
                : new CommandOutcome(false, null);
        }
    }

    private async Task<bool> StillWaitingAsync(RunId run, RunCommand command, CancellationToken cancellationToken) =>
        await store.GetAsync(run, cancellationToken).ConfigureAwait(false) is { } stored
        && stored.Outbox.Any(entry => entry.Command.CommandId == command.CommandId);

    private async Task<RunEvent?> CarryOutAsync(RunId run, RunCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case SubmitJob submit:
                await jobs.SubmitAsync(submit.Spec, cancellationToken).ConfigureAwait(false);
                // The run ended while the submit was in flight (a cancel, a deadline: the port's own retries can
                // outlast them) and its cancel found no job yet: the job just created would run for a final run.
                // Stop it now; the reconciler's sweep is the backstop when this cancel fails. (Not "left the
                // outbox": a re-drive may have carried the submit out meanwhile, and the run goes on with the job.)
                if (await store.GetAsync(run, cancellationToken).ConfigureAwait(false) is { } after && after.State.Status.IsTerminal())
                {
                    LogSupersededSubmit(run, submit.Spec.Id);
                    try
                    {
                        await jobs.CancelAsync(submit.Spec.Id, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception failure) when (failure is not OperationCanceledException)
                    {
                        LogSupersededCancelFailed(run, submit.Spec.Id, failure.Message);
                    }
                }
                return null;
            case CancelJob cancel:
                await jobs.CancelAsync(cancel.Job, cancellationToken).ConfigureAwait(false);
                // A job the runner does not know (never created, or deleted) is confirmed gone: the run need not wait for it.
                return await jobs.GetAsync(cancel.Job, cancellationToken).ConfigureAwait(false) is null
                    ? new JobNotFound($"{cancel.CommandId}:gone", cancel.Job)
                    : null;
            case CountInputs count:
                var tasks = await artifacts.ReadTaskCountAsync(new ArtifactPaths(dirPrefix, count.Experiment, run), cancellationToken).ConfigureAwait(false);
                return new InputsCounted($"{count.CommandId}:done", count.BuilderJob, tasks, count.Round);
            case ListFailedTasks list:
                var failed = await jobs.ListFailedTasksAsync(list.Job, cancellationToken).ConfigureAwait(false);
                return new FailedTasksListed($"{list.CommandId}:done", list.Job, new(failed));
            case WriteRunRecord write:
                var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false)
                    ?? throw new CommandFailedException($"run {run} vanished", permanent: true);
                var json = JsonSerializer.SerializeToUtf8Bytes(RunViews.From(stored, dirPrefix, outputs: null), OrchestratorJson.Options);
                await artifacts.WriteRunRecordAsync(new ArtifactPaths(dirPrefix, write.Experiment, run), json, cancellationToken).ConfigureAwait(false);
                return null;
            default:
                throw new CommandFailedException($"unknown command {command.Kind}", permanent: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "run {Run}: {CommandId} failed for good: {Reason}")]
    private partial void LogFailed(RunId run, string commandId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: {Job} was created after the run ended (its submit was superseded); cancelling it")]
    private partial void LogSupersededSubmit(RunId run, JobId job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: cancelling {Job}, whose submit was superseded, failed (the reconciler's sweep cancels it): {Reason}")]
    private partial void LogSupersededCancelFailed(RunId run, JobId job, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {Run}: {CommandId} left the outbox after {Tries} failed tries (superseded, or done elsewhere); not tried again")]
    private partial void LogSuperseded(RunId run, string commandId, int tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: {CommandId} failed (try {Attempts}), left for the reconciler: {Reason}")]
    private partial void LogTransient(RunId run, string commandId, int attempts, string reason);
}
