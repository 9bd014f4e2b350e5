using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Runs;

/// <summary>
/// Reads a stopped run's last attempt before a resume: its job's real state from the job runner and, for a
/// Stage B job, which task results exist. The machine decides on what it finds (<see cref="LastAttempt"/>).
/// </summary>
public sealed partial class LastAttemptReader(IJobRunner jobs, IRunArtifacts artifacts, ArtifactLayout layout, ILogger<LastAttemptReader> log)
{
    /// <summary>What the job runner and the run's files say of <paramref name="state"/>'s last attempt; null when it has none.</summary>
    public async Task<LastAttempt?> ReadAsync(RunState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ActiveJob is not { } last)
            return null;
        JobStatus? real;
        try
        {
            real = await jobs.GetAsync(last.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogJobUnread(state.Run, last.Id, failure.Message);
            return new LastAttempt(last.Id, Read: false, null, null);
        }
        return new LastAttempt(last.Id, Read: true, real?.State, last.Id.Stage == Stage.Runner ? await ResultsAsync(state, cancellationToken).ConfigureAwait(false) : null);
    }

    private async Task<ValueList<int>?> ResultsAsync(RunState state, CancellationToken cancellationToken)
    {
        try
        {
            var found = await artifacts.ListTaskResultsAsync(new ArtifactPaths(layout.DirPrefix, state.Experiment, state.Run), cancellationToken).ConfigureAwait(false);
            return found is null ? null : new ValueList<int>(found.Where(index => index < state.TaskCount));
        }
        catch (CommandFailedException failure)
        {
            // Without the list the resume runs the failed tasks again, as it would have before it could look.
            LogResultsUnread(state.Run, failure.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: the state of {Job} could not be read before a resume: {Reason}")]
    private partial void LogJobUnread(RunId run, JobId job, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "run {Run}: its task results could not be listed before a resume: {Reason}")]
    private partial void LogResultsUnread(RunId run, string reason);
}
