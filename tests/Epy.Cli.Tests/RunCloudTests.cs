using System.Text.Json;
using Epy.Cli;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Cli.Tests;

/// <summary>
/// <c>epycloud run</c> without <c>--local</c>, as a separate process, against a real local orchestrator
/// (<c>serve --local</c>'s app running the fake stage) named by the configuration's <c>orchestrator.url</c>.
/// </summary>
public sealed class RunCloudTests : IDisposable
{
    private readonly TempFolder _config = new();

    public void Dispose() => _config.Dispose();

    private void Configure(string yaml, string profile = "default")
    {
        Directory.CreateDirectory(_config.Combine("profiles"));
        File.WriteAllText(_config.Combine("config.yaml"), yaml);
        File.WriteAllText(_config.Combine("profiles", $"{profile}.yaml"), "");
        File.WriteAllText(_config.Combine("active_profile"), profile);
    }

    private Task<Epycloud.Result> Run(params string[] arguments) => Epycloud.RunAsync([.. arguments, "--config", _config.Path]);

    [Fact]
    public async Task Run_StartsOnTheConfiguredOrchestrator_AndWaitFollowsItToSuccess_WithFlagsOverConfigDefaults()
    {
        // Task 0 takes long enough for --wait's polls (every 2 s) to see the tasks running.
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(3).SleepingTask(0, 4));
        Configure($$"""
            orchestrator: { url: "{{server.Client.BaseAddress}}" }
            billing_project: flu-lab
            defaults: { max_parallelism: 3, task_count_per_node: 1, auto_resumes: 0 }
            """);

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "--task-count-per-node", "2", "--wait");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldMatch($@"^run \d{{8}}-\d{{6}}-[0-9a-f]{{8}} of {ForecastRepo.Experiment}: \w+ on http://127\.0\.0\.1:\d+$");
        var runId = lines[0].Split(' ')[1];
        run.Output.ShouldContain("RUNNING_TASKS  runner (attempt 1)");
        lines.ShouldContain($"run {runId}: SUCCEEDED");
        lines[^1].ShouldBe($"  output {ForecastRepo.Experiment}/{runId}/outputs/x.csv.gz");
        var stored = await server.Services.GetRequiredService<IRunStore>().GetAsync(RunId.Parse(runId), CancellationToken.None);
        stored!.Policy.MaxParallelism.ShouldBe(3, "from defaults.max_parallelism");
        stored.Policy.TasksPerNode.ShouldBe(2, "the flag wins over the configuration");
        stored.Policy.AutoResumes.ShouldBe(0);
        stored.State.Request.BillingProject.ShouldBe("flu-lab");
        stored.State.Request.RequestedBy.ShouldBe("cli");
    }

    [Fact]
    public async Task Run_WaitOnARunThatFails_ExitsOne_NamingTheFailedTask_AndQuietPrintsOnlyTheVerdict()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(1));
        Configure($$"""
            orchestrator: { url: "{{server.Client.BaseAddress}}" }
            defaults: { auto_resumes: 0 }
            """);

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "--wait", "--quiet");

        run.ExitCode.ShouldBe(ExitCodes.RunFailed, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2, run.ToString());
        lines[0].ShouldStartWith("run ");
        RunId.TryParse(lines[0].Split(' ')[1].TrimEnd(':'), out _).ShouldBeTrue(run.ToString());
        lines[0].ShouldContain(": FAILED");
        lines[1].ShouldBe("  failed task 1 (exit 3)");
    }

    [Fact]
    public async Task Run_Quiet_WithoutWait_PrintsOnlyTheRunId()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        Configure($$"""
            orchestrator: { url: "{{server.Client.BaseAddress}}" }
            """);

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "-q");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        RunId.TryParse(run.Output.Trim(), out _).ShouldBeTrue(run.ToString());
        await server.WaitForEndAsync(run.Output.Trim(), "SUCCEEDED");
    }

    [Fact]
    public async Task Run_WithServer_TheFollowUpHintKeepsTheServer()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "--server", url);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        var runId = run.Output.Split(' ')[1];
        run.Output.ShouldContain($"follow it with: epycloud runs show {runId} --server {url}   (or epycloud status --watch --server {url})");
        await server.WaitForEndAsync(runId, "SUCCEEDED");
    }

    [Fact]
    public async Task Run_WithoutWait_PrintsTheRunIdAndHowToFollowIt()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        Configure($$"""orchestrator: { url: "{{server.Client.BaseAddress}}" }""");

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment);

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        var runId = run.Output.Split(' ')[1];
        run.Output.ShouldContain($"follow it with: epycloud runs show {runId}");
        await server.WaitForEndAsync(runId, "SUCCEEDED");
    }

    [Fact]
    public async Task Run_UnknownExperiment_ExitsOne_WithTheOrchestratorsReason()
    {
        await using var server = await LocalServer.StartFakeAsync();
        Configure($$"""orchestrator: { url: "{{server.Client.BaseAddress}}" }""");

        var run = await Run("run", "--exp-id", "no-such-experiment", "--yes");

        run.ExitCode.ShouldBe(ExitCodes.RunFailed, run.ToString());
        run.Error.ShouldStartWith("epycloud: 404 Not Found: ");
        (await server.ListRunsAsync()).Runs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_WithNoOrchestratorConfigured_ExitsTwo_WithAHint()
    {
        Configure("google_cloud: { project_id: p }\n");

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment);

        run.ExitCode.ShouldBe(ExitCodes.ConfigurationError, run.ToString());
        run.Error.ShouldStartWith("epycloud: no orchestrator is configured for environment 'dev', profile 'default'");
        run.Error.ShouldContain("hint: set one ('epycloud config set orchestrator.url https://...')");
    }

    [Fact]
    public async Task Run_DryRun_PrintsTheRequestAndTheBatchJobsFromTheConfiguration_AndStartsNothing()
    {
        await using var server = await LocalServer.StartFakeAsync();
        Configure($$"""
            orchestrator: { url: "{{server.Client.BaseAddress}}" }
            google_cloud: { project_id: epi-proj, region: us-east1, bucket_name: epi-runs }
            storage: { dir_prefix: "pipeline/{environment}/{profile}/" }
            docker: { stage_image: us-east1-docker.pkg.dev/epi-proj/epy/epy-stages }
            billing_project: mobs-lab
            defaults: { image_tag: v7, max_parallelism: 40 }
            """, profile: "flu");

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "--dry-run", "--run-id", "20261124-101500-a1b2c3d4",
            "--stage-b-machine-type", "c4d-highcpu-8", "--spot", "--task-count-per-node", "2", "--billing-project", "Flu Hub", "--forecast-repo-ref", "v2026.11");

        run.ExitCode.ShouldBe(ExitCodes.Ok, run.ToString());
        run.Output.ShouldStartWith($"dry run: nothing is started. POST {server.Client.BaseAddress!.ToString().TrimEnd('/')}/v1/runs");
        var request = JsonDocument.Parse(Between(run.Output, "\n", "\nBatch jobs")).RootElement;
        request.GetProperty("max_parallelism").GetInt32().ShouldBe(40);
        request.GetProperty("image_tag").GetString().ShouldBe("v7");
        request.GetProperty("stage_b").GetProperty("machine_type").GetString().ShouldBe("c4d-highcpu-8");
        request.GetProperty("billing_project").GetString().ShouldBe("Flu Hub");
        var runner = JsonDocument.Parse(Between(run.Output, "# stage-b-20261124-101500-a1b2c3d4-1", "# stage-c-").Split('\n', 2)[1]).RootElement;
        var group = runner.GetProperty("taskGroups")[0];
        group.GetProperty("parallelism").GetString().ShouldBe("1", "one task shown: the builder decides N");
        group.GetProperty("taskCountPerNode").GetString().ShouldBe("1");
        var container = group.GetProperty("taskSpec").GetProperty("runnables")[0].GetProperty("container");
        container.GetProperty("imageUri").GetString().ShouldBe("us-east1-docker.pkg.dev/epi-proj/epy/epy-stages:v7");
        var environment = group.GetProperty("taskSpec").GetProperty("environment").GetProperty("variables");
        environment.GetProperty("GCS_BUCKET").GetString().ShouldBe("epi-runs");
        environment.GetProperty("DIR_PREFIX").GetString().ShouldBe("pipeline/dev/flu/");
        environment.GetProperty("FORECAST_REPO_REF").GetString().ShouldBe("v2026.11");
        var instance = runner.GetProperty("allocationPolicy").GetProperty("instances")[0].GetProperty("policy");
        instance.GetProperty("machineType").GetString().ShouldBe("c4d-highcpu-8");
        instance.GetProperty("provisioningModel").GetString().ShouldBe("SPOT");
        runner.GetProperty("allocationPolicy").GetProperty("location").GetProperty("allowedLocations")[0].GetString().ShouldBe("regions/us-east1");
        var labels = runner.GetProperty("labels");
        labels.GetProperty("billing_project").GetString().ShouldBe("flu-hub");
        labels.GetProperty("profile").GetString().ShouldBe("flu");
        run.Output.ShouldContain("# stage-a-20261124-101500-a1b2c3d4-1  (projects/epi-proj/locations/us-east1/jobs/stage-a-20261124-101500-a1b2c3d4-1)");
        (await server.ListRunsAsync()).Runs.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_DryRun_WithoutProjectRegionOrImage_RefusesNamingTheSettings()
    {
        Configure("orchestrator: { url: https://epy.example.run.app }\n");

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "--dry-run");

        run.ExitCode.ShouldBe(ExitCodes.ConfigurationError, run.ToString());
        run.Error.ShouldContain("the Batch jobs cannot be shown: the configuration does not set google_cloud.project_id, google_cloud.region, google_cloud.bucket_name, docker.stage_image");
        run.Output.ShouldNotContain("projects//locations//");
    }

    [Fact]
    public async Task Run_DryRun_WithAValueTheOrchestratorWouldRefuse_ExitsTwo()
    {
        Configure("orchestrator: { url: https://epy.example.run.app }\n");

        var run = await Run("run", "--exp-id", ForecastRepo.Experiment, "--dry-run", "--max-parallelism", "6000");

        run.ExitCode.ShouldBe(ExitCodes.ConfigurationError, run.ToString());
        run.Error.ShouldContain("the orchestrator would refuse this run: max_parallelism must be between 1 and 5000, not 6000");
    }

    [Fact]
    public async Task Run_WaitInterrupted_ExitsWith130_AndLeavesTheRunGoing()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1).Holding(0));
        Configure($$"""orchestrator: { url: "{{server.Client.BaseAddress}}" }""");
        using var process = Epycloud.Start(["run", "--exp-id", ForecastRepo.Experiment, "--wait", "--config", _config.Path]);
        var seen = new System.Text.StringBuilder();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.Contains("RUNNING_TASKS", StringComparison.Ordinal))
                    break;
            }
        }
        var runId = seen.ToString().Split(' ')[1];

        using (var interrupt = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await interrupt.WaitForExitAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        process.ExitCode.ShouldBe(ExitCodes.Interrupted, $"{seen}\n{error}");
        error.ShouldContain($"stopped following run {runId}; it goes on");
        error.ShouldContain($"hint: cancel it with 'epycloud runs cancel {runId}'");
        (await server.GetRunAsync(runId)).State.ShouldBe("RUNNING_TASKS");
        server.Fake!.Release(0);
        await server.WaitForEndAsync(runId, "SUCCEEDED");
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
