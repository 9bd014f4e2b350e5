using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
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
        // The first runs of a pass take every kind once, so even the short cloud pass meets each of them.
        var kind = index < AllKinds.Length ? AllKinds[index] : roll switch
        {
            < 0.28 => ScenarioKind.Plain,
            < 0.42 => ScenarioKind.Preempted,
            < 0.51 => ScenarioKind.ResumedAfterFailure,
            < 0.57 => ScenarioKind.PartialWithinTolerance,
            < 0.62 => ScenarioKind.FailsAfterResume,
            < 0.67 => ScenarioKind.BuilderFails,
            < 0.72 => ScenarioKind.NeverStarts,
            < 0.76 => ScenarioKind.CancelOvertakesSubmit,
            < 0.80 => ScenarioKind.DeadlineDuringStuckResume,
            < 0.84 => ScenarioKind.JobDeleted,
            < 0.88 => ScenarioKind.StuckQueued,
            < 0.92 => ScenarioKind.LateSucceededThenResume,
            < 0.96 => ScenarioKind.ForgedNotification,
            _ => ScenarioKind.BatchHangs,
        };
        var tasks = random.Next(kind == ScenarioKind.PartialWithinTolerance ? 2 : 1, 5);
        var run = RunId.New(epoch.AddSeconds(index), (uint)random.Next(0, int.MaxValue));
        return new RunScenario(index, run, kind, tasks, random.Next(0, tasks), random.Next(1, 4));
    }

    private static readonly ScenarioKind[] AllKinds = Enum.GetValues<ScenarioKind>();

    /// <summary>The status the run must end in.</summary>
    public RunStatus Expected => Kind switch
    {
        ScenarioKind.FailsAfterResume or ScenarioKind.BuilderFails or ScenarioKind.NeverStarts or ScenarioKind.DeadlineDuringStuckResume
            or ScenarioKind.JobDeleted or ScenarioKind.StuckQueued => RunStatus.Failed,
        ScenarioKind.CancelOvertakesSubmit => RunStatus.Cancelled,
        _ => RunStatus.Succeeded,
    };

    /// <summary>Exactly the jobs the run must have recorded, in order (one per stage attempt).</summary>
    public IReadOnlyList<JobId> ExpectedJobs => Kind switch
    {
        ScenarioKind.BuilderFails or ScenarioKind.NeverStarts or ScenarioKind.CancelOvertakesSubmit => [Job(Stage.Builder, 1)],
        ScenarioKind.JobDeleted or ScenarioKind.StuckQueued => [Job(Stage.Builder, 1), Job(Stage.Runner, 1)],
        ScenarioKind.FailsAfterResume or ScenarioKind.DeadlineDuringStuckResume => [Job(Stage.Builder, 1), Job(Stage.Runner, 1), Job(Stage.Runner, 2)],
        ScenarioKind.ResumedAfterFailure => [Job(Stage.Builder, 1), Job(Stage.Runner, 1), Job(Stage.Runner, 2), Job(Stage.Output, 1)],
        _ => [Job(Stage.Builder, 1), Job(Stage.Runner, 1), Job(Stage.Output, 1)],
    };

    /// <summary>
    /// The jobs that must have been created in the job system (deleted ones included): the recorded ones but a
    /// submit the scenario refuses until the run is over, which a later decision superseded.
    /// </summary>
    public IReadOnlyList<JobId> CreatedJobs => [.. ExpectedJobs.Where(job => !RefusesSubmit(job))];

    /// <summary>Whether the run must have its outputs.</summary>
    public bool ExpectsOutputs => Expected == RunStatus.Succeeded;

    /// <summary>The request the scheduler sends (the run id fixed, so its job ids are known).</summary>
    public StartRunRequest Request => new(
        Experiment,
        RunId: Run.Value,
        FailureTolerance: Kind == ScenarioKind.PartialWithinTolerance ? new FailureToleranceBody(MaxFailedTasks: 1) : null,
        // Failures are resumed before they are tolerated: no resume left, so the tolerance decides.
        AutoResumes: Kind == ScenarioKind.PartialWithinTolerance ? 0 : null,
        DeadlineHours: WaitsForDeadline ? NeverStartsDeadlineHours : null);

    /// <summary>The scheduler's idempotency key (a retried start returns the same run).</summary>
    public string IdempotencyKey => $"reliability-{Index}";

    /// <summary>True for the job that never leaves the queue.</summary>
    public bool NeverSchedules(JobId job) =>
        Kind == ScenarioKind.NeverStarts && job.Stage == Stage.Builder || Kind == ScenarioKind.StuckQueued && job == Job(Stage.Runner, 1);

    /// <summary>True when the run's 1-hour deadline is part of the scenario (the suite moves the orchestrator's clock past it).</summary>
    public bool WaitsForDeadline => Kind is ScenarioKind.NeverStarts or ScenarioKind.StuckQueued or ScenarioKind.DeadlineDuringStuckResume or ScenarioKind.LateSucceededThenResume;

    /// <summary>
    /// Whether the run has got where its deadline is meant to pass (earlier, the deadline would end it for another
    /// reason). A job that is meant to wait when the deadline passes must really exist in the job system
    /// (<paramref name="realState"/> of its id): recorded is not enough, its submit may still be in the outbox, and
    /// a deadline then rightly supersedes the submit.
    /// </summary>
    public bool ReadyForDeadline(RunState state, Func<string, string?> realState) => Kind switch
    {
        ScenarioKind.NeverStarts => realState(Job(Stage.Builder, 1).Value) is not null,
        ScenarioKind.StuckQueued => state.FindJob(Job(Stage.Runner, 1)) is not null && realState(Job(Stage.Runner, 1).Value) is not null,
        ScenarioKind.DeadlineDuringStuckResume => state.FindJob(Job(Stage.Runner, 2)) is not null,
        ScenarioKind.LateSucceededThenResume => state.Status == RunStatus.RunningTasks && state.FindJob(Job(Stage.Runner, 1))?.State == JobState.Running,
        _ => false,
    };

    /// <summary>
    /// True for a job that, once created, waits in QUEUED until cancelled: the never-scheduled ones, and the one whose
    /// submit Batch refuses until the run is over (created at all only by a retry landing after that, when Batch
    /// would take minutes to provision it: the orchestrator must stop it, never let it run).
    /// </summary>
    public bool WaitsQueued(JobId job) => NeverSchedules(job) || RefusesSubmit(job);

    /// <summary>True for the submit Batch refuses (503) until the run is over.</summary>
    public bool RefusesSubmit(JobId job) =>
        Kind == ScenarioKind.CancelOvertakesSubmit && job == Job(Stage.Builder, 1) || Kind == ScenarioKind.DeadlineDuringStuckResume && job == Job(Stage.Runner, 2);

    /// <summary>True for the job whose tasks stay RUNNING until the scenario lets them go (or the job is cancelled or deleted).</summary>
    public bool HoldsRunning(JobId job) =>
        Kind is ScenarioKind.JobDeleted or ScenarioKind.LateSucceededThenResume or ScenarioKind.ForgedNotification && job == Job(Stage.Runner, 1);

    /// <summary>True for the job deleted behind the orchestrator's back once it runs.</summary>
    public bool DeletedWhileRunning(JobId job) => Kind == ScenarioKind.JobDeleted && job == Job(Stage.Runner, 1);

    /// <summary>True for the job whose cancel arrives just after it succeeded.</summary>
    public bool SucceedsBeforeCancel(JobId job) => Kind == ScenarioKind.LateSucceededThenResume && job == Job(Stage.Runner, 1);

    /// <summary>True for the job forged notifications are sent about once it runs.</summary>
    public bool ForgedAbout(JobId job) => Kind == ScenarioKind.ForgedNotification && job == Job(Stage.Runner, 1);

    /// <summary>How many Batch calls about <paramref name="job"/> hang before Batch answers again.</summary>
    public int HungCalls(JobId job) => Kind == ScenarioKind.BatchHangs && job == Job(Stage.Runner, 1) ? 4 : 0;

    /// <summary>The exit code of task <paramref name="task"/> (the job's own index) of <paramref name="job"/> on its try <paramref name="retry"/>.</summary>
    public int ExitCode(JobId job, int task, int retry) => (job.Stage, job.Attempt) switch
    {
        (Stage.Builder, _) when Kind == ScenarioKind.BuilderFails => BadInput,
        (Stage.Runner, 1) when Kind == ScenarioKind.Preempted && task % 2 == 0 && retry < Preemptions => Preempted,
        (Stage.Runner, 1) when Kind is ScenarioKind.ResumedAfterFailure or ScenarioKind.PartialWithinTolerance or ScenarioKind.FailsAfterResume
            or ScenarioKind.DeadlineDuringStuckResume && task == FailingTask => BadInput,
        (Stage.Runner, 2) when Kind == ScenarioKind.FailsAfterResume => BadInput,
        _ => 0,
    };

    private JobId Job(Stage stage, int attempt) => new(stage, Run, attempt);
}
