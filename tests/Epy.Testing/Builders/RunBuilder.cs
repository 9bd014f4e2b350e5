using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Testing.Builders;

/// <summary>
/// Drives a run to any status through real events, one minute apart, so every state a test starts
/// from is one the machine itself produced. Each step asserts it was applied: a builder that takes a
/// wrong path fails where it went wrong, not in the test that uses it.
/// </summary>
public sealed class RunBuilder
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
    public static readonly RunId Run = RunId.Parse("20261124-101500-a1b2c3d4");
    public static readonly RunId OtherRun = RunId.Parse("20261124-101500-ffff0000");
    public static readonly ExperimentId Experiment = ExperimentId.Parse("flu/round05");

    private int _events;

    public RunBuilder(RunPolicy? policy = null)
    {
        Policy = policy ?? RunPolicy.Default;
        Now = Start;
        State = RunState.New(Run, Experiment, RunRequest.Plain("test"), Start);
    }

    public RunPolicy Policy { get; }

    public RunState State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The commands of the last applied event.</summary>
    public IReadOnlyList<RunCommand> Commands { get; private set; } = [];

    /// <summary>The last command issued that is not the run's metadata (what the run waits for, or waited for).</summary>
    public RunCommand? LastCommand { get; private set; }

    public JobId ActiveJob => State.ActiveJob?.Id ?? throw new InvalidOperationException("the run has no job yet");

    public static JobId Builder(int attempt) => new(Stage.Builder, Run, attempt);

    public static JobId Runner(int attempt) => new(Stage.Runner, Run, attempt);

    public static JobId Output(int attempt) => new(Stage.Output, Run, attempt);

    public string NextEventId() => $"e{++_events}";

    /// <summary>Decides <paramref name="event"/> a minute after the previous one and keeps the result, whatever it is.</summary>
    public Decision Decide(RunEvent @event)
    {
        Now = Now.AddMinutes(1);
        var decision = RunMachine.Decide(State, @event, Policy, Now);
        State = decision.State;
        if (decision.Outcome == Outcome.Applied)
        {
            Commands = decision.Commands;
            LastCommand = decision.Commands.LastOrDefault(command => command is not WriteRunRecord) ?? LastCommand;
        }
        return decision;
    }

    public RunBuilder Apply(RunEvent @event)
    {
        var decision = Decide(@event);
        decision.Outcome.ShouldBe(Outcome.Applied, $"{@event} in {State.Status}: {decision.Reason}");
        return this;
    }

    public RunBuilder Requested() => Apply(new RunRequested(NextEventId()));

    /// <summary>The active job reports <paramref name="state"/>.</summary>
    public RunBuilder Job(JobState state, TaskCounts? counts = null) => Apply(new JobStateChanged(NextEventId(), ActiveJob, state, counts));

    public RunBuilder Counted(int tasks) => Apply(new InputsCounted(NextEventId(), ActiveJob, tasks, State.ManualResumes));

    /// <summary>The active runner job's failed tasks, by the job's own task index.</summary>
    public RunBuilder Listed(params int[] failedJobTaskIndices) =>
        Apply(new FailedTasksListed(NextEventId(), ActiveJob, new ValueList<FailedTask>(failedJobTaskIndices.Select(index => new FailedTask(index, 1)))));

    public RunBuilder Cancel() => Apply(new CancelRequested(NextEventId(), "test"));

    public RunBuilder Resume() => Apply(new ResumeRequested(NextEventId()));

    /// <summary>The reconciler reports the deadline, a minute after it passed.</summary>
    public RunBuilder DeadlinePassed()
    {
        Now = State.Deadline ?? throw new InvalidOperationException("the run has no deadline");
        return Apply(new DeadlinePassed(NextEventId()));
    }

    /// <summary>Moves the builder's clock <paramref name="by"/> (the next event is decided a minute after that).</summary>
    public RunBuilder Later(TimeSpan by)
    {
        Now = Now.Add(by);
        return this;
    }

    public RunBuilder CommandFailed(string commandId) => Apply(new CommandFailedPermanently(NextEventId(), commandId, "test"));

    // The happy path, step by step.
    public RunBuilder BuilderSucceeded() => Requested().Job(JobState.Succeeded);

    public RunBuilder TasksRunning(int tasks = 10) => BuilderSucceeded().Counted(tasks).Job(JobState.Running);

    public RunBuilder Aggregating(int tasks = 10) => TasksRunning(tasks).Job(JobState.Succeeded);

    public RunBuilder Succeeded(int tasks = 10) => Aggregating(tasks).Job(JobState.Succeeded);
}
