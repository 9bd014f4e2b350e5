using CsCheck;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;

namespace Epy.Orchestrator.Core.Tests.Simulation;

/// <summary>A run state reached in a simulation, an event to hand it, and when.</summary>
internal sealed record Moment(RunState State, RunEvent Event, DateTimeOffset Now, RunPolicy Policy)
{
    public override string ToString() =>
        $"{State.Status} (jobs {string.Join(", ", State.Jobs.Select(job => $"{job.Id} {job.State}"))}) <- {Event} at {Now:u}";
}

/// <summary>Generators over simulated runs: policies, whole traces, and moments within them.</summary>
internal static class Arbitrary
{
    public static readonly Gen<RunPolicy> Policies =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Bool).Select(choice => RunPolicy.Default with
        {
            Tolerance = choice.Item1 switch
            {
                0 => FailureTolerance.None,
                1 => new FailureTolerance(2, null),
                _ => new FailureTolerance(null, 0.3),
            },
            AutoResumes = choice.Item2,
            RunOutputStage = choice.Item3,
        });

    /// <summary>A run simulated to its end with random delivery and repeats.</summary>
    public static readonly Gen<(Trace Trace, RunPolicy Policy)> Traces =
        Gen.Select(Gen.ULong, Gen.ULong, Policies).Select(choice =>
            (Simulator.Run(choice.Item3, new World(choice.Item1, new WorldOptions()), new SplitMix64(choice.Item2)), choice.Item3));

    /// <summary>Any state a simulated run passed through, and any event: one it was delivered, or one made up for it.</summary>
    public static readonly Gen<Moment> Moments =
        Traces.SelectMany(traced => Gen.Select(Gen.Int[0, traced.Trace.Steps.Count], Gen.ULong).Select(choice =>
        {
            var (trace, policy) = traced;
            var at = choice.Item1 < trace.Steps.Count ? trace.Steps[choice.Item1] : null;
            var state = at?.Before ?? trace.Final;
            var now = (at?.Now ?? trace.Steps[^1].Now).AddMinutes(1);
            return MadeUp(trace, state, now, policy, new SplitMix64(choice.Item2));
        }));

    private static readonly JobState[] JobStates = Enum.GetValues<JobState>();

    /// <summary>An event for <paramref name="state"/>: any the simulation delivered, or any kind made up from the run's jobs and commands.</summary>
    public static Moment MadeUp(Trace trace, RunState state, DateTimeOffset now, RunPolicy policy, SplitMix64 random)
    {
        var id = $"made-up-{random.Next():x}";
        JobId AnyJob() => state.Jobs.Count > 0 && random.Chance(0.9)
            ? random.Pick(state.Jobs).Id
            : new JobId(random.Pick(Enum.GetValues<Stage>()), random.Chance(0.5) ? RunBuilder.OtherRun : RunBuilder.Run, 1 + random.Below(3));
        TaskCounts? AnyCounts() => random.Chance(0.5) ? null : new TaskCounts(random.Below(3), random.Below(3), random.Below(3), random.Below(3));
        RunEvent @event = random.Below(10) switch
        {
            0 => random.Pick(trace.Steps).Event,
            1 => new JobStateChanged(id, AnyJob(), random.Pick(JobStates), AnyCounts()),
            2 => new InputsCounted(id, AnyJob(), random.Below(13)),
            3 => new FailedTasksListed(id, AnyJob(), new ValueList<FailedTask>(Enumerable.Range(0, random.Below(4)).Select(_ => new FailedTask(random.Below(12), null)))),
            4 => new CancelRequested(id, "made up"),
            5 => new ResumeRequested(id),
            6 => new DeadlinePassed(id),
            8 => new QueueTimeoutPassed(id, AnyJob()),
            7 when trace.IssuedCommands.Count > 0 => new CommandFailedPermanently(id, random.Pick(trace.IssuedCommands), "made up"),
            _ => new RunRequested(id),
        };
        if (@event is DeadlinePassed && state.Deadline is { } deadline && random.Chance(0.7))
            now = deadline.AddMinutes(random.Below(3));
        if (@event is QueueTimeoutPassed && random.Chance(0.7))
            now = now.AddDays(1);
        return new Moment(state, @event, now, policy);
    }
}
