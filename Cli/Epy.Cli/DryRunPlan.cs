using System.Text.Json.Nodes;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Runs;
using Epy.Contracts.Stages;

namespace Epy.Cli;

/// <summary>
/// The Cloud Batch jobs a run request would create, made by the orchestrator's own <see cref="BatchJobBuilder"/>
/// with the configuration's project, region, bucket, prefix, image and profile. Pure. The orchestrator's
/// deployment defaults (<c>Policy__*</c>, <c>Batch__*</c>) may differ from <see cref="RunPolicy.Default"/>
/// used here for what neither the request nor the configuration says.
/// </summary>
public static class DryRunPlan
{
    /// <summary>The policy the run would get, and its problems (what the orchestrator would refuse).</summary>
    public static RequestedPolicy Policy(StartRunRequest request) => RunPolicies.From(RunPolicy.Default, request);

    /// <summary>The Batch options the configuration describes.</summary>
    public static BatchOptions Options(EpycloudConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new BatchOptions
        {
            Project = config.ProjectId,
            Region = config.Region,
            Bucket = config.Bucket,
            DirPrefix = config.DirPrefix,
            StageImage = config.StageImage,
            Profile = config.Profile,
            BillingProject = config.BillingProject,
        };
        if (config.ForecastRepo.Length > 0)
            options.Environment[StageVariables.GithubForecastRepo] = config.ForecastRepo;
        return options;
    }

    /// <summary>
    /// The <c>jobs.create</c> bodies of the first attempt of each stage of run <paramref name="run"/>. Stage B's task
    /// count is the builder's to decide: the runner job is shown with <paramref name="tasks"/> tasks.
    /// </summary>
    public static IReadOnlyList<(JobId Id, JsonObject Body)> Jobs(StartRunRequest request, EpycloudConfig config, RunId run, int tasks = 1)
    {
        ArgumentNullException.ThrowIfNull(request);
        var experiment = ExperimentId.Parse(request.ExpId ?? "");
        var (policy, _) = Policy(request);
        var options = Options(config);
        var runRequest = new RunRequest(request.ImageTag, request.ForecastRepoRef, ValueList<KeyValuePair<string, string>>.Empty, "cli", request.BillingProject);
        var stages = new List<Stage> { Stage.Builder, Stage.Runner };
        if (policy.RunOutputStage)
            stages.Add(Stage.Output);
        return [.. stages.Select(stage =>
        {
            var id = new JobId(stage, run, 1);
            var count = stage == Stage.Runner ? tasks : 1;
            var spec = new JobSpec(id, experiment, count, null, stage == Stage.Builder ? 0 : tasks, false, policy.For(stage),
                stage == Stage.Runner ? policy.MaxParallelism : 1, policy.TasksPerNode, policy.Spot, policy.MaxRetryCount, policy.RetryableExitCodes, runRequest);
            return (id, BatchJobBuilder.Build(spec, options));
        })];
    }
}
