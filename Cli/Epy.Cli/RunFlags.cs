using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;

namespace Epy.Cli;

/// <summary>What <c>epycloud run</c> was told on its command line; null (or false) leaves the choice to the configuration.</summary>
/// <param name="ExpId"><c>--exp-id</c>.</param>
/// <param name="RunId"><c>--run-id</c>.</param>
/// <param name="SkipOutput"><c>--skip-output</c>.</param>
/// <param name="MaxParallelism"><c>--max-parallelism</c>.</param>
/// <param name="StageAMachineType"><c>--stage-a-machine-type</c>.</param>
/// <param name="StageBMachineType"><c>--stage-b-machine-type</c>.</param>
/// <param name="StageCMachineType"><c>--stage-c-machine-type</c>.</param>
/// <param name="TaskCountPerNode"><c>--task-count-per-node</c>.</param>
/// <param name="Spot"><c>--spot</c>.</param>
/// <param name="ForecastRepoRef"><c>--forecast-repo-ref</c>.</param>
/// <param name="ImageTag"><c>--image-tag</c>.</param>
/// <param name="BillingProject"><c>--billing-project</c>.</param>
public sealed record RunFlags(
    string ExpId,
    string? RunId = null,
    bool SkipOutput = false,
    int? MaxParallelism = null,
    string? StageAMachineType = null,
    string? StageBMachineType = null,
    string? StageCMachineType = null,
    int? TaskCountPerNode = null,
    bool Spot = false,
    string? ForecastRepoRef = null,
    string? ImageTag = null,
    string? BillingProject = null)
{
    /// <summary>The request of a local run: the flags alone (the configuration's cloud defaults do not fit one machine).</summary>
    public StartRunRequest LocalRequest() =>
        new(ExpId, RunId, MaxParallelism: MaxParallelism, SkipOutput: SkipOutput ? true : null);

    /// <summary>The request of a cloud run: each flag, else the configuration's default, else the orchestrator's.</summary>
    public StartRunRequest CloudRequest(EpycloudConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var defaults = config.Defaults;
        var request = new StartRunRequest(
            ExpId,
            RunId,
            ImageTag: ImageTag ?? defaults.ImageTag,
            ForecastRepoRef: ForecastRepoRef ?? defaults.ForecastRepoRef,
            StageA: Stage(StageAMachineType ?? defaults.StageAMachineType),
            StageB: Stage(StageBMachineType ?? defaults.StageBMachineType),
            StageC: Stage(StageCMachineType ?? defaults.StageCMachineType),
            MaxParallelism: MaxParallelism ?? defaults.MaxParallelism,
            TaskCountPerNode: TaskCountPerNode ?? defaults.TaskCountPerNode,
            Spot: Spot ? true : defaults.Spot,
            MaxRetryCount: defaults.MaxRetryCount,
            AutoResumes: defaults.AutoResumes,
            SkipOutput: SkipOutput ? true : null,
            BillingProject: BillingProject ?? (config.BillingProject.Length > 0 ? config.BillingProject : null));
        // Checked here as the API checks them: they go into a Batch job's image and environment.
        if (request.ImageTag is { Length: > 0 } tag && ImageAndGitRefs.ImageTagProblem(tag) is { } tagProblem)
            throw CliException.Configuration($"--image-tag: {tagProblem}", "pass a tag like v1.2.0 or a digest sha256:..., or fix defaults.image_tag");
        if (request.ForecastRepoRef is { Length: > 0 } gitRef && ImageAndGitRefs.GitRefProblem(gitRef) is { } refProblem)
            throw CliException.Configuration($"--forecast-repo-ref: {refProblem}", "pass a branch, tag or commit like main or v2026.11, or fix defaults.forecast_repo_ref");
        return request;
    }

    private static StageOverrides? Stage(string? machineType) => machineType is { Length: > 0 } type ? new StageOverrides(MachineType: type) : null;
}
