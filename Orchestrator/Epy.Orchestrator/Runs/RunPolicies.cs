using Epy.Contracts.Api;
using Epy.Orchestrator.Core.Policy;

namespace Epy.Orchestrator.Runs;

/// <summary>Builds a run's policy from the defaults and a request's overrides.</summary>
public static class RunPolicies
{
    /// <summary><paramref name="defaults"/> with the overrides of <paramref name="request"/> applied.</summary>
    public static RunPolicy From(RunPolicy defaults, StartRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(request);
        var tolerance = request.FailureTolerance is { } t
            ? new FailureTolerance(t.MaxFailedTasks, t.MaxFailedFraction)
            : defaults.Tolerance;
        return defaults with
        {
            Builder = Apply(defaults.Builder, request.StageA),
            Runner = Apply(defaults.Runner, request.StageB),
            Output = Apply(defaults.Output, request.StageC),
            MaxParallelism = request.MaxParallelism ?? defaults.MaxParallelism,
            TasksPerNode = request.TaskCountPerNode ?? defaults.TasksPerNode,
            Spot = request.Spot ?? defaults.Spot,
            MaxRetryCount = request.MaxRetryCount ?? defaults.MaxRetryCount,
            Tolerance = tolerance,
            AutoResumes = request.AutoResumes ?? defaults.AutoResumes,
            RunOutputStage = request.SkipOutput is { } skip ? !skip : defaults.RunOutputStage,
            RunDeadline = request.DeadlineHours is { } hours
                ? (double.IsFinite(hours) && hours > 0 && hours <= 24 * 30 ? TimeSpan.FromHours(hours) : TimeSpan.FromDays(-1))
                : defaults.RunDeadline,
        };
    }

    private static StageResources Apply(StageResources defaults, StageOverrides? overrides) => overrides is null
        ? defaults
        : new StageResources(
            overrides.CpuMilli ?? defaults.CpuMilli,
            overrides.MemoryMib ?? defaults.MemoryMib,
            overrides.MachineType ?? defaults.MachineType,
            overrides.MaxRunDurationSeconds is { } seconds
                ? (seconds is > 0 and <= 14 * 24 * 3600 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(-1))
                : defaults.MaxRunDuration);
}
