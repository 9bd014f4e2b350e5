using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Machine;

public static partial class RunMachine
{
    /// <summary>
    /// Whether <paramref name="command"/>, waiting in the outbox, still applies to the run in <paramref name="state"/>.
    /// A later decision (a cancel, a deadline, a failure, a newer attempt) supersedes a submit, a count or a
    /// listing it no longer waits for: such a command is dropped, never carried out. Cancels and run records
    /// always apply (stopping a job and writing what happened are never wrong).
    /// </summary>
    public static bool StillApplies(RunState state, RunCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var active = state.ActiveJob;
        var moving = !state.Status.IsTerminal() && state.Status != RunStatus.Cancelling;
        return command switch
        {
            SubmitJob submit => moving && active?.Id == submit.Spec.Id,
            CountInputs count => state.Status == RunStatus.BuildingInputs && active?.Id == count.BuilderJob
                && active.State == JobState.Succeeded && count.Round == state.ManualResumes,
            ListFailedTasks list => state.Status == RunStatus.RunningTasks && active?.Id == list.Job && active.State == JobState.Failed,
            _ => true,
        };
    }

    /// <summary>The ids of the commands of <paramref name="outbox"/> that no longer apply once the run is <paramref name="state"/>.</summary>
    public static IReadOnlyList<string> Superseded(RunState state, IEnumerable<RunCommand> outbox)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        return [.. outbox.Where(command => !StillApplies(state, command)).Select(command => command.CommandId)];
    }
}
