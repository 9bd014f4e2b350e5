using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Epy.Cli;
using Epy.Cli.Configuration;
using Epy.Contracts.Runs;
using Epy.Google;
using Epy.Testing.Batch;
using Epy.Testing.Gcs;

namespace Epy.Cli.Tests;

/// <summary>
/// <c>epycloud run job --stage A|B|C</c> without <c>--local</c>, as a separate process: one Cloud Batch job created
/// directly on the fake Batch server (<c>BATCH_EMULATOR_HOST</c>), the run's manifest read from the Cloud Storage
/// fake (<c>STORAGE_EMULATOR_HOST</c>), the settings from <c>EPYCLOUD_*</c> variables.
/// </summary>
public sealed partial class RunJobCloudTests
{
    private const string Run = "20261124-101500-a1b2c3d4";
    private const string Image = "us-central1-docker.pkg.dev/test-project/epy/epy-stages";
    private static readonly string Experiment = ForecastRepo.Experiment;

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex BatchJobIdRule();

    [GeneratedRegex(@"Batch job (runjob-[a-c]-(\d{8}-\d{6}-[0-9a-f]{8})-[0-9a-f]{8}) created")]
    private static partial Regex CreatedLine();

    private static Dictionary<string, string> Env(FakeBatchServer batch, FakeGcsServer gcs, params (string Key, string Value)[] settings)
    {
        var env = new Dictionary<string, string>
        {
            [EnvironmentOverrides.VariableOf("google_cloud.project_id")] = "test-project",
            [EnvironmentOverrides.VariableOf("google_cloud.region")] = "us-central1",
            [EnvironmentOverrides.VariableOf("google_cloud.bucket_name")] = gcs.Bucket,
            [EnvironmentOverrides.VariableOf("storage.dir_prefix")] = "pipeline/flu/",
            [EnvironmentOverrides.VariableOf("docker.stage_image")] = Image,
            [CloudEmulators.BatchVariable] = batch.BaseAddress.Authority,
            [CloudEmulators.StorageVariable] = gcs.BaseUri.Authority,
        };
        foreach (var (key, value) in settings)
            env[EnvironmentOverrides.VariableOf(key)] = value;
        return env;
    }

    private static FakeGcsServer BucketWithManifest(int tasks)
    {
        var gcs = new FakeGcsServer(anonymous: true);
        gcs.Put($"pipeline/flu/{Experiment}/{Run}/builder-artifacts/manifest.json", Encoding.UTF8.GetBytes($"{{\"task_count\": {tasks}}}"));
        return gcs;
    }

    private static Task<Epycloud.Result> RunJob(Dictionary<string, string> env, params string[] arguments) =>
        Epycloud.RunAsync(["run", "job", "--exp-id", Experiment, .. arguments], env);

    private static JsonElement CreatedBody(FakeBatchServer batch) =>
        JsonDocument.Parse(batch.Requests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("/jobs?jobId=", StringComparison.Ordinal)).Body).RootElement;

    private static JsonElement TaskSpec(JsonElement body) => body.GetProperty("taskGroups")[0].GetProperty("taskSpec");

    private static JsonElement Variables(JsonElement body) => TaskSpec(body).GetProperty("environment").GetProperty("variables");

    private static string Commands(JsonElement body) =>
        string.Join(' ', TaskSpec(body).GetProperty("runnables")[0].GetProperty("container").GetProperty("commands").EnumerateArray().Select(c => c.GetString()));

    private static string? ServiceAccount(JsonElement body) =>
        body.GetProperty("allocationPolicy").TryGetProperty("serviceAccount", out var account) ? account.GetProperty("email").GetString() : null;

    [Fact]
    public async Task StageA_WithoutRunId_CreatesOneBuilderJobOnANewRun_WithTheOrchestratorsBody_AndNoNotification()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);
        var env = Env(batch, gcs, ("defaults.image_tag", "v7"), ("defaults.stage_a.machine_type", "n2-standard-4"),
            ("batch.builder.service_account", "epy-builder@test-project.iam.gserviceaccount.com"), ("github.forecast_repo", "mobs-lab/flu-forecasts"));

        var a = await RunJob(env, "--stage", "A");

        a.ExitCode.ShouldBe(ExitCodes.Ok, a.ToString());
        var created = CreatedLine().Match(a.Output);
        created.Success.ShouldBeTrue(a.Output);
        var (jobId, runId) = (created.Groups[1].Value, created.Groups[2].Value);
        batch.JobIds.ShouldBe([jobId]);
        JobId.TryParse(jobId, out _).ShouldBeFalse("the orchestrator can never take it for one of its jobs");
        var body = CreatedBody(batch);
        TaskSpec(body).GetProperty("runnables")[0].GetProperty("container").GetProperty("imageUri").GetString().ShouldBe(Image + ":v7");
        Commands(body).ShouldBe("builder");
        body.GetProperty("taskGroups")[0].GetProperty("taskCount").GetString().ShouldBe("1");
        var variables = Variables(body);
        variables.GetProperty("EXECUTION_MODE").GetString().ShouldBe("cloud");
        variables.GetProperty("GCS_BUCKET").GetString().ShouldBe(gcs.Bucket);
        variables.GetProperty("DIR_PREFIX").GetString().ShouldBe("pipeline/flu/");
        variables.GetProperty("EXP_ID").GetString().ShouldBe(Experiment);
        variables.GetProperty("RUN_ID").GetString().ShouldBe(runId);
        variables.GetProperty("EPY_JOB_ID").GetString().ShouldBe(jobId);
        variables.GetProperty("GITHUB_FORECAST_REPO").GetString().ShouldBe("mobs-lab/flu-forecasts");
        variables.TryGetProperty("NUM_TASKS", out _).ShouldBeFalse("the builder decides N");
        ServiceAccount(body).ShouldBe("epy-builder@test-project.iam.gserviceaccount.com");
        body.GetProperty("allocationPolicy").GetProperty("instances")[0].GetProperty("policy").GetProperty("machineType").GetString().ShouldBe("n2-standard-4");
        body.GetProperty("labels").GetProperty("started-by").GetString().ShouldBe("epycloud-run-job");
        body.TryGetProperty("notifications", out _).ShouldBeFalse("nothing tells the orchestrator about this job");
        a.Output.ShouldContain($"  console: https://console.cloud.google.com/batch/jobsDetail/regions/us-central1/jobs/{jobId}/details?project=test-project");
        a.Output.ShouldContain($"  logs:    epycloud logs --run-id {runId} --stage a --project test-project --since ");
        a.Output.ShouldContain($"next, once it has succeeded: epycloud run job --stage B --exp-id {Experiment} --run-id {runId} --task-index 0");
    }

    [Fact]
    public async Task StageB_TakesNFromTheRunsManifest_RunsOnlyTheChosenTask_AndWaitFollowsItToSuccess()
    {
        using var folder = new TempFolder();
        var seen = folder.Combine("task.txt");
        await using var batch = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            TaskCommand = FakeTaskCommand.Bash($"echo \"$1 $TASK_INDEX $BATCH_TASK_INDEX $BATCH_TASK_COUNT $NUM_TASKS\" > '{seen}'"),
        });
        using var gcs = BucketWithManifest(tasks: 5);
        var env = Env(batch, gcs, ("batch.runner.service_account", "epy-runner@test-project.iam.gserviceaccount.com"));

        var b = await RunJob(env, "--stage", "B", "--run-id", Run, "--task-index", "3", "--wait", "--poll-seconds", "0.1");

        b.ExitCode.ShouldBe(ExitCodes.Ok, b.ToString());
        b.Output.ShouldContain($"stage B (runner task 3 of 5) of {Experiment}, run {Run}: SUCCEEDED");
        var body = CreatedBody(batch);
        Commands(body).ShouldBe("runner");
        var group = body.GetProperty("taskGroups")[0];
        group.TryGetProperty("taskCount", out _).ShouldBeFalse("task environments stand for the count");
        group.GetProperty("taskEnvironments").EnumerateArray().Select(e => e.GetProperty("variables").GetProperty("TASK_INDEX").GetString()).ShouldBe(["3"]);
        Variables(body).GetProperty("NUM_TASKS").GetString().ShouldBe("5");
        Variables(body).GetProperty("RUN_ID").GetString().ShouldBe(Run);
        ServiceAccount(body).ShouldBe("epy-runner@test-project.iam.gserviceaccount.com");
        (await File.ReadAllTextAsync(seen)).Trim().ShouldBe("runner 3 0 1 5", "Batch task 0 runs the run's task 3 of 5");
    }

    [Fact]
    public async Task StageB_WithNumTasks_ReadsNoManifest()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);

        var b = await RunJob(Env(batch, gcs), "--stage", "runner", "--run-id", Run, "--num-tasks", "7", "--task-index", "6");

        b.ExitCode.ShouldBe(ExitCodes.Ok, b.ToString());
        var body = CreatedBody(batch);
        Variables(body).GetProperty("NUM_TASKS").GetString().ShouldBe("7");
        body.GetProperty("taskGroups")[0].GetProperty("taskEnvironments")[0].GetProperty("variables").GetProperty("TASK_INDEX").GetString().ShouldBe("6");
        gcs.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task StageC_AggregatesTheRunsResults_WithNFromTheManifest()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = BucketWithManifest(tasks: 4);

        var c = await RunJob(Env(batch, gcs, ("batch.output.service_account", "epy-output@test-project.iam.gserviceaccount.com")),
            "--stage", "C", "--run-id", Run, "--output-config", "output_hub.yaml");

        c.ExitCode.ShouldBe(ExitCodes.Ok, c.ToString());
        var body = CreatedBody(batch);
        Commands(body).ShouldBe("output");
        body.GetProperty("taskGroups")[0].GetProperty("taskCount").GetString().ShouldBe("1");
        var variables = Variables(body);
        variables.GetProperty("NUM_TASKS").GetString().ShouldBe("4");
        variables.GetProperty("ALLOW_PARTIAL_RESULTS").GetString().ShouldBe("true");
        variables.GetProperty("OUTPUT_CONFIG_FILE").GetString().ShouldBe("output_hub.yaml");
        ServiceAccount(body).ShouldBe("epy-output@test-project.iam.gserviceaccount.com");
    }

    [Fact]
    public async Task StagesBAndC_WithoutARunOrItsManifest_AreRefused_AndCreateNothing()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);

        var b = await RunJob(Env(batch, gcs), "--stage", "B");
        var c = await RunJob(Env(batch, gcs), "--stage", "C");
        var noManifest = await RunJob(Env(batch, gcs), "--stage", "B", "--run-id", Run);

        b.ExitCode.ShouldBe(ExitCodes.ConfigurationError, b.ToString());
        b.Error.ShouldContain("stage B needs --run-id");
        b.Error.ShouldNotContain("--local");
        c.ExitCode.ShouldBe(ExitCodes.ConfigurationError, c.ToString());
        c.Error.ShouldContain("stage C needs --run-id");
        noManifest.ExitCode.ShouldBe(ExitCodes.ConfigurationError, noManifest.ToString());
        noManifest.Error.ShouldContain($"run {Run} of {Experiment} has no builder manifest");
        batch.JobCount.ShouldBe(0);
    }

    [Fact]
    public async Task DryRun_PrintsTheJobsCreateCall_AndCreatesNothing()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);

        var a = await RunJob(Env(batch, gcs), "--stage", "A", "--run-id", Run, "--dry-run");

        a.ExitCode.ShouldBe(ExitCodes.Ok, a.ToString());
        a.Output.ShouldStartWith($"dry run: nothing is created. stage A (builder) of {Experiment}, run {Run} would be Batch job runjob-a-{Run}-");
        a.Output.ShouldContain($"POST {batch.BaseAddress}v1/projects/test-project/locations/us-central1/jobs?jobId=runjob-a-{Run}-");
        var body = JsonDocument.Parse(a.Output[a.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        Commands(body).ShouldBe("builder");
        Variables(body).GetProperty("RUN_ID").GetString().ShouldBe(Run);
        batch.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task MissingSettings_AreRefusedAsRunDryRunRefusesThem_EvenInADryRun()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        var env = new Dictionary<string, string> { [CloudEmulators.BatchVariable] = batch.BaseAddress.Authority };

        var real = await RunJob(env, "--stage", "A");
        var dry = await RunJob(env, "--stage", "A", "--dry-run");

        foreach (var refused in new[] { real, dry })
        {
            refused.ExitCode.ShouldBe(ExitCodes.ConfigurationError, refused.ToString());
            refused.Error.ShouldContain("the Batch job cannot be made: the configuration does not set google_cloud.project_id, google_cloud.region, google_cloud.bucket_name, docker.stage_image");
            refused.Output.ShouldNotContain("projects//locations//");
        }
        batch.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task AServiceAccountThatIsNoEmail_IsRefusedNamingItsKey()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);

        var a = await RunJob(Env(batch, gcs, ("batch.builder.service_account", "epy builder")), "--stage", "A");

        a.ExitCode.ShouldBe(ExitCodes.ConfigurationError, a.ToString());
        a.Error.ShouldContain("the Batch job cannot be made: batch.builder.service_account 'epy builder' is not a service account email");
        batch.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Wait_OnAFailingJob_ExitsOne_WithTheTasksExitCodeAndTheLogsCommand()
    {
        await using var batch = await FakeBatchServer.StartAsync(new FakeBatchServerOptions { TaskCommand = FakeTaskCommand.Bash("exit 3") });
        using var gcs = new FakeGcsServer(anonymous: true);

        var a = await RunJob(Env(batch, gcs), "--stage", "A", "--run-id", Run, "--wait", "--poll-seconds", "0.1");

        a.ExitCode.ShouldBe(ExitCodes.RunFailed, a.ToString());
        a.Output.ShouldContain($"stage A (builder) of {Experiment}, run {Run}: FAILED (exit 3); its logs: epycloud logs --run-id {Run} --stage a --project test-project --since ");
        a.Output.ShouldContain($"job runjob-a-{Run}-");
        a.Output.ShouldContain(": FAILED\n", Case.Sensitive, "the job's last state, as jobs.get said it");
    }

    [Fact]
    public async Task A403_IsOneSentenceWithAHint_NotAStackTrace()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);

        var a = await RunJob(Env(batch, gcs, ("google_cloud.project_id", "other-project")), "--stage", "A");

        a.ExitCode.ShouldBe(ExitCodes.ConfigurationError, a.ToString());
        a.Error.ShouldStartWith("epycloud: Cloud Batch answered 403 PERMISSION_DENIED while creating job runjob-a-");
        a.Error.ShouldContain("in projects/other-project/locations/us-central1: Permission 'batch.jobs.create' denied");
        a.Error.ShouldContain("hint: check google_cloud.project_id, that the Batch API is enabled there");
        a.Error.Trim().Split('\n').Length.ShouldBe(2, a.Error);
        batch.JobCount.ShouldBe(0);
    }

    [Fact]
    public async Task A5xxThatOutlastsTheRetries_IsOneSentence_AndCreatesNothing()
    {
        await using var batch = await FakeBatchServer.StartAsync();
        using var gcs = new FakeGcsServer(anonymous: true);
        batch.FailNext(System.Net.HttpStatusCode.ServiceUnavailable, times: 20, retryAfter: TimeSpan.Zero);

        var a = await RunJob(Env(batch, gcs), "--stage", "A");

        a.ExitCode.ShouldBe(ExitCodes.RunFailed, a.ToString());
        a.Error.ShouldStartWith("epycloud: Cloud Batch answered 503 UNAVAILABLE while creating job runjob-a-");
        a.Error.ShouldContain("hint: Batch kept failing after retries; try again in a few minutes");
        a.Error.Trim().Split('\n').Length.ShouldBe(2, a.Error);
        batch.Requests.Count.ShouldBeGreaterThan(1, "the call was retried");
        batch.JobCount.ShouldBe(0);
    }

    [Fact]
    public void CloudJobIds_FollowBatchsRule_AreNeverTheOrchestrators_AndDifferPerCall()
    {
        var job = new StageJob(Stage.Runner, ExperimentId.Parse("a/very-long-experiment-name-that-does-not-matter"), RunId.Parse(Run), 4999, 5000);

        var ids = new[] { 0u, 1u, 0xdeadbeefu, uint.MaxValue }.Select(job.CloudJobId).ToList();

        ids.ShouldBeUnique();
        ids.ShouldAllBe(id => id.Length <= 63 && BatchJobIdRule().IsMatch(id) && id.StartsWith(StageJob.CloudJobPrefix + "b-" + Run + "-", StringComparison.Ordinal));
        ids.Where(id => JobId.TryParse(id, out var _)).ShouldBeEmpty();
    }
}
