using System.Globalization;
using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Runs;

/// <summary>
/// The deployment's default run policy (section <c>Policy</c>, e.g. <c>Policy__MaxParallelism=200</c>):
/// every setting left out keeps <see cref="RunPolicy.Default"/>. A run's request overrides these.
/// </summary>
public sealed class PolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Policy";

    /// <summary>The longest deadline: 30 days.</summary>
    public const double MaxDeadlineHours = 30 * 24;

    /// <summary>Stage B tasks running at once, 1 to 5,000.</summary>
    public int? MaxParallelism { get; set; }

    /// <summary>Stage B tasks packed onto one VM, 1 to 64.</summary>
    public int? TasksPerNode { get; set; }

    /// <summary>Run on Spot VMs.</summary>
    public bool? Spot { get; set; }

    /// <summary>With Spot: after this many preemptions of a task its retries run on standard VMs, 1 to 20 (default 3); 0: never.</summary>
    public int? SpotFallbackAfter { get; set; }

    /// <summary>Batch's retries of a task that exits with a retryable code, 0 to 10.</summary>
    public int? MaxRetryCount { get; set; }

    /// <summary>Automatic resumes of Stage B's failed tasks, 0 to 10.</summary>
    public int? AutoResumes { get; set; }

    /// <summary>Run failed Stage B tasks again before tolerating them (default true); see <see cref="RunPolicy.ResumeBeforeTolerance"/>.</summary>
    public bool? ResumeBeforeTolerance { get; set; }

    /// <summary>Hours after which an unfinished run fails, above 0 and at most 720; 0 for no deadline.</summary>
    public double? DeadlineHours { get; set; }

    /// <summary>Failed Stage B tasks tolerated (Stage C runs on the rest), at least 0.</summary>
    public int? MaxFailedTasks { get; set; }

    /// <summary>The fraction of Stage B tasks allowed to fail, 0 to 1.</summary>
    public double? MaxFailedFraction { get; set; }

    /// <summary>Stage A's resources.</summary>
    public StagePolicyOptions Builder { get; set; } = new();

    /// <summary>Stage B's resources, per task.</summary>
    public StagePolicyOptions Runner { get; set; } = new();

    /// <summary>Stage C's resources.</summary>
    public StagePolicyOptions Output { get; set; } = new();

    /// <summary>The policy these settings make.</summary>
    public RunPolicy ToPolicy()
    {
        var defaults = RunPolicy.Default;
        var tolerance = MaxFailedTasks is null && MaxFailedFraction is null
            ? defaults.Tolerance
            : new FailureTolerance(MaxFailedTasks, MaxFailedFraction);
        return defaults with
        {
            Builder = Builder.Apply(defaults.Builder),
            Runner = Runner.Apply(defaults.Runner),
            Output = Output.Apply(defaults.Output),
            MaxParallelism = MaxParallelism ?? defaults.MaxParallelism,
            TasksPerNode = TasksPerNode ?? defaults.TasksPerNode,
            Spot = Spot ?? defaults.Spot,
            SpotFallbackAfter = SpotFallbackAfter switch { null => defaults.SpotFallbackAfter, 0 => null, var after => after },
            MaxRetryCount = MaxRetryCount ?? defaults.MaxRetryCount,
            AutoResumes = AutoResumes ?? defaults.AutoResumes,
            Tolerance = tolerance,
            ResumeBeforeTolerance = ResumeBeforeTolerance ?? defaults.ResumeBeforeTolerance,
            RunDeadline = DeadlineHours switch
            {
                null => defaults.RunDeadline,
                0d => null,
                double hours and > 0 and <= MaxDeadlineHours => TimeSpan.FromHours(hours),
                _ => defaults.RunDeadline, // refused by Problems at start-up
            },
        };
    }

    /// <summary>What is wrong with these settings, each naming its setting (empty when they can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (DeadlineHours is { } hours && hours is not (0d or (> 0 and <= MaxDeadlineHours)))
            yield return string.Create(CultureInfo.InvariantCulture, $"Policy:DeadlineHours must be 0 (no deadline) or more, up to {MaxDeadlineHours}, not {hours}");
        // The policy's own checks name its API fields (stage_b.cpu_milli); say the setting instead.
        foreach (var problem in ToPolicy().Problems())
            yield return Rename(problem);
    }

    private static string Rename(FieldProblem problem)
    {
        var field = problem.Field;
        var setting = field switch
        {
            "max_parallelism" => "MaxParallelism",
            "task_count_per_node" => "TasksPerNode",
            "max_retry_count" => "MaxRetryCount",
            "auto_resumes" => "AutoResumes",
            "spot_fallback_after" => "SpotFallbackAfter",
            _ when field.StartsWith("failure_tolerance.", StringComparison.Ordinal) => Pascal(field["failure_tolerance.".Length..]),
            _ when field.Contains('.', StringComparison.Ordinal) => StageSetting(field),
            _ => field,
        };
        return $"Policy:{setting} {problem.Message}";
    }

    private static string StageSetting(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        var stage = field[..dot] switch { "stage_a" => "Builder", "stage_b" => "Runner", "stage_c" => "Output", var other => other };
        var member = field[(dot + 1)..] switch { "max_run_duration" => "MaxRunDurationSeconds", "queue_timeout" => "QueueTimeoutSeconds", var other => Pascal(other) };
        return $"{stage}:{member}";
    }

    private static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}
