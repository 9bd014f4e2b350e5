using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.State;

/// <summary>
/// Everything the orchestrator knows about one run: plain data, changed only by
/// <see cref="Machine.RunMachine.Decide"/>. The store keeps it with a version for optimistic concurrency.
/// </summary>
/// <param name="Run">The run's id.</param>
/// <param name="Experiment">The experiment it runs.</param>
/// <param name="Status">Where it is.</param>
/// <param name="Request">What it was started with.</param>
/// <param name="CreatedAt">When it was accepted.</param>
/// <param name="UpdatedAt">When a decision last changed it.</param>
/// <param name="Deadline">When it fails if not finished, or null.</param>
/// <param name="TaskCount">Stage B's task count N from the builder's manifest (0 until counted).</param>
/// <param name="Jobs">Every job submitted, in order; the last is the active one.</param>
/// <param name="FailedTasks">Stage B tasks failing after the latest runner attempt (the run's indices).</param>
/// <param name="AutoResumesUsed">Automatic resumes of failed tasks so far.</param>
/// <param name="ManualResumes">Resumes asked for through the API.</param>
/// <param name="Failure">Why the run failed or was cancelled, in words.</param>
/// <param name="History">The most recent <see cref="HistoryLimit"/> entries of its history; older ones are in the store's archive.</param>
/// <param name="StopsAs">
/// While <see cref="RunStatus.Cancelling"/>: the status the run ends in once its job is final or confirmed
/// gone (<see cref="RunStatus.Failed"/> when a deadline stopped it); null means <see cref="RunStatus.Cancelled"/>.
/// </param>
/// <param name="HistoryArchived">
/// How many of its history's entries left <paramref name="History"/> for the store's archive: the sequence number
/// (0 = the first entry ever) of <c>History[0]</c>. A store archives them as it commits (<see cref="RunHistory.Leaving"/>).
/// </param>
public sealed record RunState(
    RunId Run,
    ExperimentId Experiment,
    RunStatus Status,
    RunRequest Request,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? Deadline,
    int TaskCount,
    ValueList<JobRecord> Jobs,
    ValueList<FailedTask> FailedTasks,
    int AutoResumesUsed,
    int ManualResumes,
    string? Failure,
    ValueList<HistoryEntry> History,
    RunStatus? StopsAs = null,
    long HistoryArchived = 0)
{
    /// <summary>How many history entries a run keeps (the document must stay far below Firestore's 1 MiB).</summary>
    public const int HistoryLimit = 100;

    /// <summary>How many times a run may be resumed through the API (each resume adds a job: the document must stay bounded).</summary>
    public const int ManualResumeLimit = 50;

    /// <summary>A run just accepted: pending, nothing submitted.</summary>
    public static RunState New(RunId run, ExperimentId experiment, RunRequest request, DateTimeOffset now) =>
        new(run, experiment, RunStatus.Pending, request, now, now, null, 0,
            ValueList<JobRecord>.Empty, ValueList<FailedTask>.Empty, 0, 0, null,
            ValueList<HistoryEntry>.Empty.Add(new HistoryEntry(now, RunStatus.Pending, $"run accepted ({request.RequestedBy})")));

    /// <summary>The job submitted last, or null before the first.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public JobRecord? ActiveJob => Jobs.Count > 0 ? Jobs[^1] : null;

    /// <summary>The attempt number the next job of <paramref name="stage"/> gets.</summary>
    public int NextAttempt(Stage stage) => Jobs.Count(job => job.Id.Stage == stage) + 1;

    /// <summary>The job with id <paramref name="id"/>, or null.</summary>
    public JobRecord? FindJob(JobId id) => Jobs.FirstOrDefault(job => job.Id == id);
}
