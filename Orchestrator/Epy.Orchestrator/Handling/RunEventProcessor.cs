using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Handling;

/// <summary>
/// Handles one event as one transaction: load the run, decide, commit state + outbox + processed
/// marker with an optimistic-concurrency precondition (retrying the whole read-decide-write on
/// conflict), then carry out the decided commands. A command's result comes back as another event,
/// handled the same way before the command leaves the outbox; <see cref="DrainAsync"/> is that loop.
/// Each event is one span (<c>handle {event}</c>, with the run, experiment and event type; every state
/// transition a span event), and every log line written meanwhile carries the run and experiment.
/// </summary>
public sealed partial class RunEventProcessor(IRunStore store, CommandExecutor executor, TimeProvider time, ILogger<RunEventProcessor> log)
{
    private const int MaxConflicts = 64;

    /// <summary>Handles <paramref name="event"/> for <paramref name="run"/>; returns what was decided, or null for an unknown run.</summary>
    public async Task<HandledEvent> HandleAsync(RunId run, RunEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return await DrainAsync(run, new Step.Handle(@event), cancellationToken).ConfigureAwait(false)
            ?? throw new UnreachableException("a handled event has an answer");
    }

    /// <summary>
    /// Carries out a command found waiting in the outbox (after a crash or a transient failure), once: the
    /// reconciler's next pass is its retry. A command the run no longer needs (a later decision superseded it)
    /// is dropped instead. Returns whether it was carried out.
    /// </summary>
    public async Task<bool> RedriveAsync(RunId run, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
        if (stored is null || !stored.Outbox.Any(waiting => waiting.Command.CommandId == entry.Command.CommandId))
            return false;
        if (!RunMachine.StillApplies(stored.State, entry.Command))
        {
            LogDropped(run, entry.Command.CommandId, stored.State.Status);
            await store.CompleteCommandAsync(run, entry.Command.CommandId, cancellationToken).ConfigureAwait(false);
            return false;
        }
        await DrainAsync(run, new Step.Execute(entry.Command, Once: true), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// The application loop, depth first: an event is decided and committed, then each of its commands is
    /// executed, its result event handled the same way (with its own commands), and only then the command
    /// removed from the outbox: a crash in between re-drives it, and its result event (same id) is recognised
    /// as a duplicate. The next command waits for all of that. Returns what the first event decided, if
    /// <paramref name="first"/> is an event.
    /// </summary>
    private async Task<HandledEvent?> DrainAsync(RunId run, Step first, CancellationToken cancellationToken)
    {
        var work = new Stack<Step>();
        work.Push(first);
        HandledEvent? answer = null;
        try
        {
            while (work.TryPop(out var step))
            {
                switch (step)
                {
                    case Step.Handle { Event: var @event }:
                        // The span and the log scope are opened here, in the loop's own frame, so that they stay
                        // current (they are async-local) while this event's commands and their results are handled.
                        var span = EventSpan.Start(run, @event);
                        work.Push(new Step.Close(span));
                        var handled = await DecideAndCommitAsync(run, @event, span.Activity, cancellationToken).ConfigureAwait(false);
                        span.Handled = handled;
                        answer ??= handled;
                        if (handled.Decision is not { Outcome: Outcome.Applied } decision || handled.Duplicate)
                            break;
                        span.Scope = log.BeginRunScope(run, handled.Run!.State.Experiment, (@event as JobStateChanged)?.Job);
                        foreach (var command in decision.Commands.Reverse())
                            work.Push(new Step.Execute(command));
                        break;
                    case Step.Execute { Command: var command, Once: var once }:
                        var outcome = await executor.ExecuteAsync(run, command, retry: !once, cancellationToken).ConfigureAwait(false);
                        if (outcome.Done)
                            work.Push(new Step.Complete(command));
                        if (outcome.Result is { } result)
                            work.Push(new Step.Handle(result));
                        break;
                    case Step.Complete { Command: var command }:
                        await store.CompleteCommandAsync(run, command.CommandId, cancellationToken).ConfigureAwait(false);
                        break;
                    case Step.Close { Span: var finished }:
                        finished.Succeed();
                        break;
                }
            }
            return answer;
        }
        catch (Exception failure)
        {
            // Every event still open failed with it, innermost first (they close in the order they opened).
            while (work.TryPop(out var step))
            {
                if (step is Step.Close { Span: var open })
                    open.Fail(failure);
            }
            throw;
        }
    }

    private async Task<HandledEvent> DecideAndCommitAsync(RunId run, RunEvent @event, Activity? activity, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await store.GetAsync(run, cancellationToken).ConfigureAwait(false);
            if (stored is null)
                return HandledEvent.UnknownRun;
            activity?.SetTag(OrchestratorTelemetry.ExpId, stored.State.Experiment.Value);
            activity?.SetTag(OrchestratorTelemetry.RunStateFrom, stored.State.Status.ToWire());
            using var scope = log.BeginRunScope(run, stored.State.Experiment, (@event as JobStateChanged)?.Job);
            // No separate duplicate check: an already processed event either decides nothing now (repeated
            // and stale reports are ignored by the machine) or meets its marker in the commit.
            var decision = RunMachine.Decide(stored.State, @event, stored.Policy, time.GetUtcNow());
            if (decision.Outcome != Outcome.Applied)
            {
                // Nothing changes: no write, so repeated and stale deliveries cost one read.
                activity?.SetTag(OrchestratorTelemetry.Reason, decision.Reason.ToString());
                LogSkipped(run, @event.Kind, @event.EventId, decision.Outcome, decision.Reason);
                return new HandledEvent(stored, decision, Duplicate: false);
            }

            // What the decision made moot leaves the outbox in the same commit: it can never be carried out late.
            var superseded = RunMachine.Superseded(decision.State, stored.Outbox.Select(entry => entry.Command));
            var result = await store.CommitAsync(decision.State, stored.Version, decision.Commands, superseded, @event.EventId, cancellationToken).ConfigureAwait(false);
            if (result == CommitResult.AlreadyProcessed)
                return new HandledEvent(stored, null, Duplicate: true);
            if (result == CommitResult.Conflict)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50, 1 << Math.Min(attempt, 5))), time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            activity?.SetTag(OrchestratorTelemetry.RunState, decision.State.Status.ToWire());
            RunTelemetry.Committed(stored.State, decision, activity);
            LogApplied(run, @event.Kind, stored.State.Status, decision.State.Status, decision.Commands.Count);
            // The committed state (its outbox may have moved on since; callers only show the state).
            return new HandledEvent(stored with { State = decision.State, Version = stored.Version + 1 }, decision, Duplicate: false);
        }
        throw new InvalidOperationException($"run {run}: {MaxConflicts} concurrent writers in a row; giving up on {@event.Kind} {@event.EventId} (it will be redelivered)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "run {Run}: {Kind} moved {From} -> {To}, {Commands} command(s)")]
    private partial void LogApplied(RunId run, string kind, RunStatus from, RunStatus to, int commands);

    [LoggerMessage(Level = LogLevel.Information, Message = "run {Run}: {CommandId} no longer applies ({Status}); dropped from the outbox")]
    private partial void LogDropped(RunId run, string commandId, RunStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "run {Run}: {Kind} {EventId} {Outcome} ({Reason})")]
    private partial void LogSkipped(RunId run, string kind, string eventId, Outcome outcome, Reason reason);
}
