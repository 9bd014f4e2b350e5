using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Machine;

/// <summary>The result of deciding one event: the new state and the commands to carry out.</summary>
/// <param name="State">The run's state after the event (the same object when nothing changed).</param>
/// <param name="Commands">Commands to carry out after the state is committed.</param>
/// <param name="Outcome">Whether the event was applied, ignored or rejected.</param>
/// <param name="Reason">Why it was ignored or rejected.</param>
public sealed record Decision(RunState State, IReadOnlyList<RunCommand> Commands, Outcome Outcome, Reason Reason)
{
    /// <summary>The event changed nothing, on purpose.</summary>
    public static Decision Ignore(RunState state, Reason reason) => new(state, [], Outcome.Ignored, reason);

    /// <summary>The event asked for something impossible now.</summary>
    public static Decision Reject(RunState state, Reason reason) => new(state, [], Outcome.Rejected, reason);

    /// <summary>The event moved the run.</summary>
    public static Decision Apply(RunState state, params RunCommand[] commands) => new(state, commands, Outcome.Applied, Reason.None);
}
