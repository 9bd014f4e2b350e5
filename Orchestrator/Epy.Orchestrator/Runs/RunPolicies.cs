using Epy.Contracts.Api;
using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Runs;

/// <summary>Builds a run's policy from the defaults and a request's overrides.</summary>
public static class RunPolicies
{
    /// <summary>
    /// <paramref name="defaults"/> with the overrides of <paramref name="request"/> applied, and every problem with
    /// them: a value that is no duration at all (a deadline of -1 hours) is reported here and the default kept.
    /// </summary>
    public static RequestedPolicy From(RunPolicy defaults, StartRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<FieldProblem>();
        var tolerance = request.FailureTolerance is { } t
            ? new FailureTolerance(t.MaxFailedTasks, t.MaxFailedFraction)
            : defaults.Tolerance;
        var policy = defaults with
        {
            Builder = Apply(defaults.Builder, request.StageA, "stage_a", problems),
            Runner = Apply(defaults.Runner, request.StageB, "stage_b", problems),
            Output = Apply(defaults.Output, request.StageC, "stage_c", problems),
            MaxParallelism = request.MaxParallelism ?? defaults.MaxParallelism,
            TasksPerNode = request.TaskCountPerNode ?? defaults.TasksPerNode,
            Spot = request.Spot ?? defaults.Spot,
            MaxRetryCount = request.MaxRetryCount ?? defaults.MaxRetryCount,
            Tolerance = tolerance,
            AutoResumes = request.AutoResumes ?? defaults.AutoResumes,
            RunOutputStage = request.SkipOutput is { } skip ? !skip : defaults.RunOutputStage,
            RunDeadline = Deadline(defaults.RunDeadline, request.DeadlineHours, problems),
        };
        problems.AddRange(policy.Problems());
        return new RequestedPolicy(policy, problems);
    }

    private static TimeSpan? Deadline(TimeSpan? defaults, double? hours, List<FieldProblem> problems)
    {
        if (hours is not { } given)
            return defaults;
        // Checked before TimeSpan.FromHours, which throws for what no TimeSpan holds.
        if (double.IsFinite(given) && given > 0 && given <= RunPolicy.MaxDeadline.TotalHours)
            return TimeSpan.FromHours(given);
        problems.Add(new(RunPolicy.DeadlineField, $"{RunPolicy.DeadlineRule}, not {given} hours"));
        return defaults;
    }

    private static StageResources Apply(StageResources defaults, StageOverrides? overrides, string field, List<FieldProblem> problems)
    {
        if (overrides is null)
            return defaults;
        var duration = defaults.MaxRunDuration;
        if (overrides.MaxRunDurationSeconds is { } seconds)
        {
            if (seconds > 0 && seconds <= StageResources.MaxRunDurationLimit.TotalSeconds)
                duration = TimeSpan.FromSeconds(seconds);
            else
                problems.Add(new($"{field}.{StageResources.MaxRunDurationField}", $"{StageResources.MaxRunDurationRule}, not {seconds} seconds"));
        }
        // A copy of the defaults, so settings the request cannot name (the queue timeout) stay the deployment's.
        return defaults with
        {
            CpuMilli = overrides.CpuMilli ?? defaults.CpuMilli,
            MemoryMib = overrides.MemoryMib ?? defaults.MemoryMib,
            MachineType = overrides.MachineType ?? defaults.MachineType,
            MaxRunDuration = duration,
        };
    }
}
