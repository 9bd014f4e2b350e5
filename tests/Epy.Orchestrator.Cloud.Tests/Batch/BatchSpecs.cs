using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Cloud.Tests.Batch;

/// <summary>Job specs and options for the Batch tests.</summary>
public static class BatchSpecs
{
    public static readonly RunId Run = RunId.Parse("20261124-101500-a1b2c3d4");

    public static readonly ExperimentId Experiment = ExperimentId.Parse("flu/2026-round_3");

    /// <summary>A Stage B job of <paramref name="tasks"/> tasks (attempt 1), on spot VMs, 3 retries.</summary>
    public static JobSpec Runner(int tasks = 3, RunId? run = null, int attempt = 1, ValueList<int>? indices = null, StageResources? resources = null,
        int maxParallelism = 100, int tasksPerNode = 0, bool spot = true, int maxRetryCount = 3, RunRequest? request = null) =>
        new(new JobId(Stage.Runner, run ?? Run, attempt), Experiment, indices?.Count ?? tasks, indices, 10, false,
            resources ?? StageResources.RunnerDefault, maxParallelism, tasksPerNode, spot, maxRetryCount, new ValueList<int>([4]),
            request ?? RunRequest.Plain("test"));

    /// <summary>A Stage A job (one task, no task count yet, standard VMs).</summary>
    public static JobSpec Builder(RunId? run = null) =>
        new(new JobId(Stage.Builder, run ?? Run, 1), Experiment, 1, null, 0, false, StageResources.BuilderDefault, 1, 0, false, 2,
            new ValueList<int>([4]), RunRequest.Plain("test"));

    /// <summary>A Stage C job on partial results.</summary>
    public static JobSpec Output(RunId? run = null) =>
        new(new JobId(Stage.Output, run ?? Run, 1), Experiment, 1, null, 10, true, StageResources.OutputDefault, 1, 0, false, 2,
            new ValueList<int>([4]), RunRequest.Plain("test"));

    /// <summary>Valid options for the fake's project and region.</summary>
    public static BatchOptions Options(Uri? baseAddress = null) => new()
    {
        BaseAddress = baseAddress ?? new Uri("https://batch.googleapis.com/"),
        Project = "test-project",
        Region = "us-central1",
        Bucket = "epy-runs",
        DirPrefix = "pipeline/flu/",
        StageImage = "us-central1-docker.pkg.dev/test-project/epy/epy-stages",
        ServiceAccountEmail = "batch-runner@test-project.iam.gserviceaccount.com",
        Network = "projects/test-project/global/networks/epy",
        Subnetwork = "projects/test-project/regions/us-central1/subnetworks/epy-us-central1",
        NotificationTopic = "projects/test-project/topics/batch-events",
        Profile = "Prod",
        BillingProject = "MOBS Lab",
        Runner = new BatchStageOptions { MachineType = "c4d-highcpu-8", BootDiskGb = 30 },
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };
}
