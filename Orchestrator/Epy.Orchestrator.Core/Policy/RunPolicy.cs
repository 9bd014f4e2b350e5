using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Core.Policy;

/// <summary>How one run is carried out. Chosen when the run starts and kept with it.</summary>
/// <param name="Builder">Stage A's resources.</param>
/// <param name="Runner">Stage B's resources (per task).</param>
/// <param name="Output">Stage C's resources.</param>
/// <param name="MaxParallelism">At most this many of Stage B's tasks run at once, 1 to 5,000.</param>
/// <param name="TasksPerNode">Tasks packed onto one VM, 1 to 64.</param>
/// <param name="Spot">Run on Spot VMs (cheaper, may be preempted: exit 50001, retried by Batch).</param>
/// <param name="MaxRetryCount">Batch's per-task retries for retryable exit codes, 0 to 10.</param>
/// <param name="RetryableExitCodes">Exit codes Batch retries (preemption 50001–50006, the stage program's transient 4).</param>
/// <param name="Tolerance">How many failed Stage B tasks still let Stage C run on partial results.</param>
/// <param name="AutoResumes">How many times the failed tasks are run again as a new job before the run fails, 0 to 10.</param>
/// <param name="RunOutputStage">Whether Stage C runs after Stage B.</param>
/// <param name="RunDeadline">The run fails (and its job is cancelled) this long after it started; null for none.</param>
public sealed record RunPolicy(
    StageResources Builder,
    StageResources Runner,
    StageResources Output,
    int MaxParallelism,
    int TasksPerNode,
    bool Spot,
    int MaxRetryCount,
    ValueList<int> RetryableExitCodes,
    FailureTolerance Tolerance,
    int AutoResumes,
    bool RunOutputStage,
    TimeSpan? RunDeadline)
{
    /// <summary>
    /// Whether failed Stage B tasks are run again (while <see cref="AutoResumes"/> lasts) before a failure
    /// within <see cref="Tolerance"/> lets Stage C run on partial results. True by default: partial outputs
    /// only once the resume budget is spent. False: a tolerated failure goes to Stage C at once.
    /// </summary>
    /// <remarks>Not a constructor parameter, so policies stored before it existed read as the default.</remarks>
    public bool ResumeBeforeTolerance { get; init; } = true;

    /// <summary>
    /// With <see cref="Spot"/>: after this many Spot preemptions of a task (summed over its attempts), its retries
    /// run on standard VMs (the resumed job that reruns it is STANDARD). Null: never fall back. 1 to 20; default 3.
    /// </summary>
    /// <remarks>Not a constructor parameter, so policies stored before it existed read as the default.</remarks>
    public int? SpotFallbackAfter { get; init; } = 3;

    /// <summary>True when a task preempted <paramref name="preemptions"/> times reruns on standard VMs.</summary>
    public bool FallsBackToStandard(int preemptions) => Spot && SpotFallbackAfter is { } limit && preemptions >= limit;

    /// <summary>The most tasks that may run at once.</summary>
    public const int MaxParallelismLimit = 5_000;

    /// <summary>The defaults: parallelism 100, standard VMs, 3 retries, no tolerance, one automatic resume, a 48 h deadline.</summary>
    public static RunPolicy Default { get; } = new(
        StageResources.BuilderDefault,
        StageResources.RunnerDefault,
        StageResources.OutputDefault,
        MaxParallelism: 100,
        TasksPerNode: 1,
        Spot: false,
        MaxRetryCount: 3,
        RetryableExitCodes: new ValueList<int>(StageExitCodes.RetriedByDefault),
        FailureTolerance.None,
        AutoResumes: 1,
        RunOutputStage: true,
        RunDeadline: TimeSpan.FromHours(48));

    /// <summary>The resources of <paramref name="stage"/>.</summary>
    public StageResources For(Epy.Contracts.Runs.Stage stage) => stage switch
    {
        Epy.Contracts.Runs.Stage.Builder => Builder,
        Epy.Contracts.Runs.Stage.Runner => Runner,
        _ => Output,
    };

    /// <summary>
    /// The memory one runner task gets (<c>TASK_MEMORY_BUDGET_MIB</c>), which the builder (planning tasks) and the runner
    /// (before simulating) check a task's estimate against; 0 for the output stage, which estimates nothing.
    /// </summary>
    public int TaskMemoryBudgetMib(Epy.Contracts.Runs.Stage stage) =>
        stage is Epy.Contracts.Runs.Stage.Builder or Epy.Contracts.Runs.Stage.Runner ? Runner.MemoryMib : 0;

    /// <summary>Every problem with this policy, each naming its field; empty when it is valid.</summary>
    public IReadOnlyList<FieldProblem> Problems()
    {
        var problems = new List<FieldProblem>();
        problems.AddRange(Builder.Problems("stage_a"));
        problems.AddRange(Runner.Problems("stage_b"));
        problems.AddRange(Output.Problems("stage_c"));
        if (MaxParallelism is < 1 or > MaxParallelismLimit)
            problems.Add(new("max_parallelism", $"must be between 1 and {MaxParallelismLimit}, not {MaxParallelism}"));
        if (TasksPerNode is < 1 or > 64)
            problems.Add(new("task_count_per_node", $"must be between 1 and 64, not {TasksPerNode}"));
        if (MaxRetryCount is < 0 or > 10)
            problems.Add(new("max_retry_count", $"must be between 0 and 10, not {MaxRetryCount}"));
        if (RetryableExitCodes.Any(code => code is < 1 or > 65535))
            problems.Add(new("retryable_exit_codes", "must be between 1 and 65535"));
        problems.AddRange(Tolerance.Problems());
        if (AutoResumes is < 0 or > 10)
            problems.Add(new("auto_resumes", $"must be between 0 and 10, not {AutoResumes}"));
        if (SpotFallbackAfter is < 1 or > 20)
            problems.Add(new("spot_fallback_after", $"must be between 1 and 20, not {SpotFallbackAfter}"));
        if (RunDeadline is { } deadline && !IsDeadline(deadline))
            problems.Add(new(DeadlineField, $"{DeadlineRule}, not {deadline}"));
        return problems;
    }

    /// <summary>The API's name for <see cref="RunDeadline"/>.</summary>
    public const string DeadlineField = "deadline";

    /// <summary>What a deadline must be, as problems say it.</summary>
    public const string DeadlineRule = "must be positive and at most 30 days";

    /// <summary>The longest deadline.</summary>
    public static TimeSpan MaxDeadline { get; } = TimeSpan.FromDays(30);

    /// <summary>True when <paramref name="deadline"/> may be a run's deadline.</summary>
    public static bool IsDeadline(TimeSpan deadline) => deadline > TimeSpan.Zero && deadline <= MaxDeadline;
}
