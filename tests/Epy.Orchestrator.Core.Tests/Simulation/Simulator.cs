using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Simulation;

/// <summary>One decision of a simulated run.</summary>
internal sealed record Step(RunState Before, RunEvent Event, DateTimeOffset Now, Decision Decision);

/// <summary>A simulated run from its request to the end: every decision, and every command id it issued.</summary>
internal sealed record Trace(IReadOnlyList<Step> Steps, IReadOnlyList<string> IssuedCommands, RunState Final)
{
    public override string ToString() =>
        $"{Simulator.Fingerprint(Final)}{Environment.NewLine}commands {string.Join(", ", IssuedCommands)}{Environment.NewLine}" +
        string.Join(Environment.NewLine, Steps.Select(step => $"  {step.Before.Status} <- {step.Event} => {step.Decision.Outcome} {step.Decision.Reason}"));
}

/// <summary>
/// Runs one run against a <see cref="World"/>, the way the host would: drop an event whose id was
/// already processed, decide the rest, let the world answer the decision's commands, and deliver what
/// the world says. The delivery order is either in order (first in, first out, each event once) or
/// random with repeats: under the same id (a Pub/Sub redelivery, which the host drops) or under a new
/// one (Batch publishing a state twice, the reconciler reporting a state it found), which the machine
/// itself must see through.
/// </summary>
internal static class Simulator
{
    private const int MaxSteps = 20_000;

    /// <param name="policy">The run's policy.</param>
    /// <param name="world">The world (fresh: it remembers the jobs it ran).</param>
    /// <param name="delivery">Random delivery: which pending item goes next and whether an event is delivered again; null delivers in order, once.</param>
    /// <param name="extra">Events to slip into the queue at the start (a cancel, ...), delivered like the rest.</param>
    public static Trace Run(RunPolicy policy, World world, SplitMix64? delivery, params RunEvent[] extra)
    {
        var state = RunState.New(RunBuilder.Run, RunBuilder.Experiment, RunRequest.Plain("simulation"), RunBuilder.Start);
        var now = RunBuilder.Start;
        var steps = new List<Step>();
        var issued = new List<string>();
        var processed = new HashSet<string>();
        var repeats = 0;
        var pending = new List<WorldItem> { new Deliver(new RunRequested("run-requested")) };
        pending.AddRange(extra.Select(@event => new Deliver(@event, MayRepeat: false)));

        while (pending.Count > 0)
        {
            if (steps.Count > MaxSteps)
                throw new InvalidOperationException($"world {world.Seed}: the run did not end within {MaxSteps} events");
            var index = delivery?.Below(pending.Count) ?? 0;
            var item = pending[index];
            pending.RemoveAt(index);
            switch (item)
            {
                case AdvanceJob advance:
                    pending.AddRange(world.Advance(advance.Job));
                    break;
                case Deliver deliver:
                    if (deliver.MayRepeat && delivery is not null && delivery.Chance(0.25))
                    {
                        var again = delivery.Chance(0.5) ? deliver.Event : deliver.Event with { EventId = $"{deliver.Event.EventId}+{++repeats}" };
                        pending.Add(deliver with { Event = again });
                    }
                    if (!processed.Add(deliver.Event.EventId))
                        break;
                    now = now.AddMinutes(1);
                    var decision = RunMachine.Decide(state, deliver.Event, policy, now);
                    steps.Add(new Step(state, deliver.Event, now, decision));
                    state = decision.State;
                    foreach (var command in decision.Commands)
                    {
                        issued.Add(command.CommandId);
                        pending.AddRange(world.Answer(command));
                    }
                    if (decision.Outcome == Outcome.Applied)
                        pending.AddRange(world.React(state));
                    break;
            }
        }
        return new Trace(steps, issued, state);
    }

    /// <summary>What must not depend on the delivery order: times, task counts and history aside.</summary>
    public static string Fingerprint(RunState run) =>
        string.Join(
            Environment.NewLine,
            $"status {run.Status}, {run.TaskCount} tasks, auto resumes {run.AutoResumesUsed}, manual resumes {run.ManualResumes}",
            $"jobs {string.Join(", ", run.Jobs.Select(job => $"{job.Id} {job.State?.ToBatchName() ?? "-"}{(job.TaskIndices is { } map ? " " + map : "")}"))}",
            $"failed tasks {run.FailedTasks}",
            $"failure {run.Failure}");
}
