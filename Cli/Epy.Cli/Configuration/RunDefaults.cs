namespace Epy.Cli.Configuration;

/// <summary>The settings under <c>defaults.*</c>: what a run gets when its command line says nothing. Null: the orchestrator's default.</summary>
/// <param name="ImageTag"><c>defaults.image_tag</c>.</param>
/// <param name="ForecastRepoRef"><c>defaults.forecast_repo_ref</c>.</param>
/// <param name="MaxParallelism"><c>defaults.max_parallelism</c>.</param>
/// <param name="TaskCountPerNode"><c>defaults.task_count_per_node</c>.</param>
/// <param name="Spot"><c>defaults.spot</c>.</param>
/// <param name="MaxRetryCount"><c>defaults.max_retry_count</c>.</param>
/// <param name="AutoResumes"><c>defaults.auto_resumes</c>.</param>
/// <param name="StageAMachineType"><c>defaults.stage_a.machine_type</c>.</param>
/// <param name="StageBMachineType"><c>defaults.stage_b.machine_type</c>.</param>
/// <param name="StageCMachineType"><c>defaults.stage_c.machine_type</c>.</param>
public sealed record RunDefaults(
    string? ImageTag,
    string? ForecastRepoRef,
    int? MaxParallelism,
    int? TaskCountPerNode,
    bool? Spot,
    int? MaxRetryCount,
    int? AutoResumes,
    string? StageAMachineType,
    string? StageBMachineType,
    string? StageCMachineType);
