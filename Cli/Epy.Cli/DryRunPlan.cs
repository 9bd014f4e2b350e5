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
/// with the configuration's project, region, bucket, prefix, image and profile: a run's jobs (<c>run --dry-run</c>)
/// or one stage's (<c>run job</c>, <see cref="StageJobBody"/>). Pure. The orchestrator's deployment defaults
/// (<c>Policy__*</c>, <c>Batch__*</c>) may differ from <see cref="RunPolicy.Default"/> used here for what neither
/// the request nor the configuration says. No job carries a Pub/Sub notification: the configuration names no topic.
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
        foreach (var (stage, account) in config.StageServiceAccounts)
            options.For(stage).ServiceAccountEmail = account;
        return options;
    }

    /// <summary>
    /// Refuses what the jobs cannot be made from: a policy the orchestrator would refuse, or a configuration without
    /// project, region, bucket or stage image (jobs of <c>projects//locations//</c> and <c>:latest</c> are not jobs).
    /// </summary>
    /// <param name="request">The run's request.</param>
    /// <param name="config">The configuration.</param>
    /// <param name="cannot">What cannot be done, for the message: <c>the Batch jobs cannot be shown</c>.</param>
    /// <exception cref="ConfigurationException">Something is missing or would be refused.</exception>
    public static void Check(StartRunRequest request, EpycloudConfig config, string cannot)
    {
        var (_, problems) = Policy(request);
        if (problems.Count > 0)
            throw new ConfigurationException($"the orchestrator would refuse this run: {string.Join("; ", problems)}", "change the flag or the defaults.* setting it names");
        var options = Options(config).Problems().ToList();
        var missing = options.Where(p => p.Contains("is required", StringComparison.Ordinal)).Select(p => KeyOf(p.Split(' ', 2)[0])).ToList();
        if (missing.Count > 0)
            throw new ConfigurationException($"{cannot}: the configuration does not set {string.Join(", ", missing)}",
                $"epycloud config set {missing[0]} VALUE (and the others), then try again");
        if (options.FirstOrDefault(p => p.Contains(":ServiceAccountEmail", StringComparison.Ordinal)) is { } account)
            throw new ConfigurationException($"{cannot}: {KeyOf(account.Split(' ', 2)[0])}{account[account.IndexOf(' ', StringComparison.Ordinal)..]}",
                "set a service account's email, such as epy-builder@PROJECT.iam.gserviceaccount.com (terraform output service_accounts)");
    }

    /// <summary>
    /// The <c>jobs.create</c> body of one stage of one run, as <c>epycloud run job</c> submits it: one task; Stage B's
    /// runs the run's task <see cref="StageJob.TaskIndex"/> (Batch task 0 gets <c>TASK_INDEX</c>, as a resumed job's
    /// tasks do), Stages B and C are told N (<c>NUM_TASKS</c>), and Stage C tolerates missing results (it aggregates
    /// what the run has, as <c>run job --local</c> does). <c>EPY_JOB_ID</c> names the Batch job,
    /// <paramref name="batchJobId"/>, not the orchestrator's attempt; the label <c>started-by</c> says who made it.
    /// </summary>
    /// <param name="request">The run's request (image tag, repository ref, machine types, billing project).</param>
    /// <param name="config">The configuration.</param>
    /// <param name="job">The stage, experiment, run, task and N.</param>
    /// <param name="batchJobId">The Batch job's id.</param>
    /// <param name="outputConfig">Stage C's <c>OUTPUT_CONFIG_FILE</c>, or null.</param>
    public static JsonObject StageJobBody(StartRunRequest request, EpycloudConfig config, StageJob job, string batchJobId, string? outputConfig = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (policy, _) = Policy(request);
        var labels = new ValueList<KeyValuePair<string, string>>([new(StartedByLabel, StartedByRunJob)]);
        var runRequest = new RunRequest(request.ImageTag, request.ForecastRepoRef, labels, "cli", request.BillingProject);
        var indices = job.Stage == Stage.Runner ? new ValueList<int>([job.TaskIndex]) : null;
        var spec = new JobSpec(job.Job, job.Experiment, 1, indices, job.TaskCount, job.Stage == Stage.Output, policy.For(job.Stage), 1,
            policy.TasksPerNode, policy.Spot, policy.MaxRetryCount, policy.RetryableExitCodes, runRequest, policy.TaskMemoryBudgetMib(job.Stage));
        var body = BatchJobBuilder.Build(spec, Options(config));
        var variables = body["taskGroups"]![0]!["taskSpec"]!["environment"]!["variables"]!.AsObject();
        variables[StageVariables.JobId] = batchJobId;
        if (outputConfig is { Length: > 0 })
            variables[StageVariables.OutputConfigFile] = outputConfig;
        return body;
    }

    // The configuration key behind a BatchOptions setting a problem names.
    private static string KeyOf(string setting) => setting switch
    {
        "Batch:Project" => "google_cloud.project_id",
        "Batch:Region" => "google_cloud.region",
        "Batch:Bucket" => "google_cloud.bucket_name",
        "Batch:StageImage" => "docker.stage_image",
        "Batch:Builder:ServiceAccountEmail" => "batch.builder.service_account",
        "Batch:Runner:ServiceAccountEmail" => "batch.runner.service_account",
        "Batch:Output:ServiceAccountEmail" => "batch.output.service_account",
        var other => other,
    };

    /// <summary>The label naming who made a job <c>run job</c> submits.</summary>
    public const string StartedByLabel = "started-by";

    /// <summary>The value of <see cref="StartedByLabel"/>.</summary>
    public const string StartedByRunJob = "epycloud-run-job";

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
                stage == Stage.Runner ? policy.MaxParallelism : 1, policy.TasksPerNode, policy.Spot, policy.MaxRetryCount, policy.RetryableExitCodes, runRequest,
                policy.TaskMemoryBudgetMib(stage));
            return (id, BatchJobBuilder.Build(spec, options));
        })];
    }
}
