using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// One run of the suite, fixed by its seed: what its jobs do (task exit codes per stage, attempt, task and
/// retry), and so the terminal state and the exact jobs it must end with.
/// </summary>
public sealed record RunScenario(int Index, RunId Run, ScenarioKind Kind, int Tasks, int FailingTask, int Preemptions)
{
    public const string Experiment = "flu-reliability";

    /// <summary>Batch's exit code for a lost Spot VM.</summary>
    public const int Preempted = 50001;

    /// <summary>The stage program's exit code for bad input (not worth retrying).</summary>
    public const int BadInput = 3;

    /// <summary>The deadline of a run whose job never starts (others keep the 48 h default).</summary>
    public const double NeverStartsDeadlineHours = 1;

    public static RunScenario Create(int index, int seed, DateTimeOffset epoch)
    {
        var random = SeededRandom.For(seed, index);
        var roll = random.Next();
        var kind = roll switch
        {
            < 0.38 => ScenarioKind.Plain,
            < 0.58 => ScenarioKind.Preempted,
            < 0.70 => ScenarioKind.ResumedAfterFailure,
            < 0.78 => ScenarioKind.PartialWithinTolerance,
            < 0.85 => ScenarioKind.FailsAfterResume,
            < 0.92 => ScenarioKind.BuilderFails,
            _ => ScenarioKind.NeverStarts,
        };
        var tasks = random.Next(kind == ScenarioKind.PartialWithinTolerance ? 2 : 1, 5);
        var run = RunId.New(epoch.AddSeconds(index), (uint)random.Next(0, int.MaxValue));
        return new RunScenario(index, run, kind, tasks, random.Next(0, tasks), random.Next(1, 4));
    }

    /// <summary>The status the run must end in.</summary>
    public RunStatus Expected => Kind is ScenarioKind.FailsAfterResume or ScenarioKind.BuilderFails or ScenarioKind.NeverStarts
        ? RunStatus.Failed
        : RunStatus.Succeeded;

    /// <summary>Exactly the jobs the run must have created, in order (one per stage attempt).</summary>
    public IReadOnlyList<JobId> ExpectedJobs => Kind switch
    {
        ScenarioKind.BuilderFails or ScenarioKind.NeverStarts => [Job(Stage.Builder, 1)],
        ScenarioKind.FailsAfterResume => [Job(Stage.Builder, 1), Job(Stage.Runner, 1), Job(Stage.Runner, 2)],
        ScenarioKind.ResumedAfterFailure => [Job(Stage.Builder, 1), Job(Stage.Runner, 1), Job(Stage.Runner, 2), Job(Stage.Output, 1)],
        _ => [Job(Stage.Builder, 1), Job(Stage.Runner, 1), Job(Stage.Output, 1)],
    };

    /// <summary>Whether the run must have its outputs.</summary>
    public bool ExpectsOutputs => Expected == RunStatus.Succeeded;

    /// <summary>The request the scheduler sends (the run id fixed, so its job ids are known).</summary>
    public StartRunRequest Request => new(
        Experiment,
        RunId: Run.Value,
        FailureTolerance: Kind == ScenarioKind.PartialWithinTolerance ? new FailureToleranceBody(MaxFailedTasks: 1) : null,
        // Failures are resumed before they are tolerated: no resume left, so the tolerance decides.
        AutoResumes: Kind == ScenarioKind.PartialWithinTolerance ? 0 : null,
        DeadlineHours: Kind == ScenarioKind.NeverStarts ? NeverStartsDeadlineHours : null);

    /// <summary>The scheduler's idempotency key (a retried start returns the same run).</summary>
    public string IdempotencyKey => $"reliability-{Index}";

    /// <summary>True for the job that never leaves the queue.</summary>
    public bool NeverSchedules(JobId job) => Kind == ScenarioKind.NeverStarts && job.Stage == Stage.Builder;

    /// <summary>The exit code of task <paramref name="task"/> (the job's own index) of <paramref name="job"/> on its try <paramref name="retry"/>.</summary>
    public int ExitCode(JobId job, int task, int retry) => (job.Stage, job.Attempt) switch
    {
        (Stage.Builder, _) when Kind == ScenarioKind.BuilderFails => BadInput,
        (Stage.Runner, 1) when Kind == ScenarioKind.Preempted && task % 2 == 0 && retry < Preemptions => Preempted,
        (Stage.Runner, 1) when Kind is ScenarioKind.ResumedAfterFailure or ScenarioKind.PartialWithinTolerance or ScenarioKind.FailsAfterResume
            && task == FailingTask => BadInput,
        (Stage.Runner, 2) when Kind == ScenarioKind.FailsAfterResume => BadInput,
        _ => 0,
    };

    private JobId Job(Stage stage, int attempt) => new(stage, Run, attempt);
}
