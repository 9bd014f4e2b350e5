using System.Text.Json;
using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Orchestrator;

namespace Epy.Cli.Tests;

/// <summary><c>epycloud runs show|list|cancel|resume</c> against a local server, as separate processes.</summary>
public sealed class RunsCommandsTests
{
    [Fact]
    public async Task ShowCancelResume_AgainstTheServer_PrintTheRun_AndRefusalsExitOne()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(1, times: 1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, AutoResumes: 0));
        await server.WaitForEndAsync(run.RunId, "FAILED");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var show = await Epycloud.RunAsync(["runs", "show", run.RunId, "--server", url]);
        var cancel = await Epycloud.RunAsync(["runs", "cancel", run.RunId, "--server", url]);
        var resume = await Epycloud.RunAsync(["runs", "resume", run.RunId, "--server", url]);

        show.ExitCode.ShouldBe(ExitCodes.Ok, show.ToString());
        show.Output.ShouldContain($"run {run.RunId}  experiment {ForecastRepo.Experiment}  state FAILED");
        show.Output.ShouldContain("failed task 1 (exit 3)");
        show.Output.ShouldContain($"stage-b-{run.RunId}-1");
        cancel.ExitCode.ShouldBe(ExitCodes.RunFailed, cancel.ToString());
        cancel.Error.ShouldContain($"409 Conflict: run {run.RunId} has already finished (FAILED)");
        resume.ExitCode.ShouldBe(ExitCodes.Ok, resume.ToString());
        resume.Output.ShouldStartWith($"run {run.RunId}: ");
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        done.ManualResumes.ShouldBe(1);
    }

    [Fact]
    public async Task ListShowStatus_OutputJson_IsTheApisShape_AndFiltersApply()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var flu = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var covid = await server.StartRunAsync(new StartRunRequest(ForecastRepo.OtherExperiment));
        await server.WaitForEndAsync(flu.RunId, "SUCCEEDED");
        await server.WaitForEndAsync(covid.RunId, "SUCCEEDED");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var all = await Epycloud.RunAsync(["runs", "list", "--server", url, "--output", "json"]);
        var onlyFlu = await Epycloud.RunAsync(["runs", "list", "--server", url, "--exp-id", ForecastRepo.Experiment]);
        var one = await Epycloud.RunAsync(["runs", "list", "--server", url, "-n", "1", "--since", "1h", "--state", "succeeded"]);
        var future = await Epycloud.RunAsync(["runs", "list", "--server", url, "--since", "2999-01-01"]);
        var badSince = await Epycloud.RunAsync(["runs", "list", "--server", url, "--since", "last week"]);
        var show = await Epycloud.RunAsync(["runs", "show", flu.RunId, "--server", url, "--output", "json"]);
        var status = await Epycloud.RunAsync(["status", "--server", url, "--watch", "--output", "json"]);

        all.ExitCode.ShouldBe(ExitCodes.Ok, all.ToString());
        // Newest first by run id: two runs of the same second are ordered by their random suffix.
        var listed = JsonSerializer.Deserialize<RunList>(all.Output, OrchestratorJson.Options)!.Runs.Select(r => r.RunId).ToList();
        listed.ShouldBe([covid.RunId, flu.RunId], ignoreOrder: true);
        onlyFlu.Output.Trim().Split('\n')[0].ShouldStartWith("RUN ID");
        onlyFlu.Output.Trim().Split('\n').Skip(1).ShouldHaveSingleItem().ShouldStartWith($"{flu.RunId}  {ForecastRepo.Experiment}");
        one.Output.Trim().Split('\n').Skip(1).ShouldHaveSingleItem().ShouldStartWith(listed[0]);
        future.Output.Trim().ShouldBe("no runs");
        badSince.ExitCode.ShouldBe(ExitCodes.ConfigurationError, badSince.ToString());
        badSince.Error.ShouldContain("hint: use 30m, 12h, 7d, 2w or 2026-11-20");
        var view = JsonSerializer.Deserialize<RunView>(show.Output, OrchestratorJson.Options)!;
        view.RunId.ShouldBe(flu.RunId);
        view.Jobs.Select(j => j.Stage).ShouldBe(["builder", "runner", "output"]);
        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        JsonSerializer.Deserialize<RunList>(status.Output, OrchestratorJson.Options)!.Runs.ShouldBeEmpty("--watch ends once nothing is in progress");
    }

    [Fact]
    public async Task StatusWatch_Quiet_PrintsOnlyWhereItEnded()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1).Sleeping(3));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForAsync(run.RunId, r => r.State == "RUNNING_TASKS", "ran its task");
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var status = await Epycloud.RunAsync(["status", "--server", url, "--watch", "-n", "1", "-q", "-r", run.RunId]);

        status.ExitCode.ShouldBe(ExitCodes.Ok, status.ToString());
        var lines = status.Output.Trim().Split('\n');
        lines.Length.ShouldBe(2, status.ToString());
        lines[0].ShouldStartWith("RUN ID");
        lines[1].ShouldStartWith(run.RunId);
        lines[1].ShouldContain("SUCCEEDED", Case.Sensitive, "only the table of where the run ended, none of the refreshes before");
    }

    [Fact]
    public async Task Show_TakesTheServerFromTheConfiguration_AndPrintsStagesAndHistory()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        using var config = new TempFolder();
        File.WriteAllText(config.Combine("config.yaml"), $"orchestrator:\n  url: {server.Client.BaseAddress}\n");

        var show = await Epycloud.RunAsync(["runs", "show", run.RunId, "--config", config.Path]);

        show.ExitCode.ShouldBe(ExitCodes.Ok, show.ToString());
        show.Output.ShouldContain("stage builder: SUCCEEDED (1 job)");
        show.Output.ShouldContain("stage runner: SUCCEEDED (1 job)");
        show.Output.ShouldContain($"stage-b-{run.RunId}-1");
        show.Output.ShouldContain("2/2 done, 0 running, 0 pending, 0 failed");
        show.Output.ShouldContain($"  output {ForecastRepo.Experiment}/{run.RunId}/outputs/x.csv.gz");
        show.Output.ShouldContain("history:");
    }

    [Fact]
    public async Task Show_RunWithAVerdict_PrintsItInWords_AndJsonCarriesTheObject()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var valid = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var invalid = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var validDone = await server.WaitForEndAsync(valid.RunId, "SUCCEEDED");
        var invalidDone = await server.WaitForEndAsync(invalid.RunId, "SUCCEEDED");
        await File.WriteAllTextAsync(Path.Combine(server.RunFolder(validDone), "outputs", "submission_validation.json"), """
            {"valid": true, "problems": [], "hub_config": "/hub/hub-config",
             "submission_file": "2025-12-20-MOBS-GLEAM.csv", "model_id": "MOBS-GLEAM", "reference_date": "2025-12-20"}
            """);
        var problems = Enumerable.Range(1, 23).Select(i => $"row {i}: value < 0").ToList();
        await File.WriteAllTextAsync(Path.Combine(server.RunFolder(invalidDone), "outputs", "submission_validation.json"),
            JsonSerializer.Serialize(new { valid = false, problems, hub_config = "/hub/hub-config" }));
        var url = server.Client.BaseAddress!.ToString().TrimEnd('/');

        var showValid = await Epycloud.RunAsync(["runs", "show", valid.RunId, "--server", url]);
        var showInvalid = await Epycloud.RunAsync(["runs", "show", invalid.RunId, "--server", url]);
        var json = await Epycloud.RunAsync(["runs", "show", valid.RunId, "--server", url, "--output", "json"]);

        showValid.ExitCode.ShouldBe(ExitCodes.Ok, showValid.ToString());
        showValid.Output.ShouldContain("Submission: valid — 2025-12-20-MOBS-GLEAM.csv (hub config /hub/hub-config)\n");
        showInvalid.ExitCode.ShouldBe(ExitCodes.Ok, showInvalid.ToString());
        showInvalid.Output.ShouldContain("Submission: INVALID, 23 problems (hub config /hub/hub-config)\n  row 1: value < 0\n");
        showInvalid.Output.ShouldContain("  row 20: value < 0\n  … and 3 more\n");
        showInvalid.Output.ShouldNotContain("row 21:");
        json.ExitCode.ShouldBe(ExitCodes.Ok, json.ToString());
        var submission = JsonDocument.Parse(json.Output).RootElement.GetProperty("submission");
        submission.GetProperty("valid").GetBoolean().ShouldBeTrue();
        submission.GetProperty("submission_file").GetString().ShouldBe("2025-12-20-MOBS-GLEAM.csv");
        submission.GetProperty("model_id").GetString().ShouldBe("MOBS-GLEAM");
        submission.GetProperty("reference_date").GetString().ShouldBe("2025-12-20");
    }

    [Fact]
    public async Task Show_UnknownRun_ExitsOne_WithAHint()
    {
        await using var server = await LocalServer.StartFakeAsync();

        var show = await Epycloud.RunAsync(["runs", "show", "20261124-101500-a1b2c3d4", "--server", server.Client.BaseAddress!.ToString()]);

        show.ExitCode.ShouldBe(ExitCodes.RunFailed, show.ToString());
        show.Error.ShouldStartWith("epycloud: 404 Not Found");
        show.Error.ShouldContain("hint: check the run id with 'epycloud runs list'");
    }

    [Fact]
    public async Task Status_WithNoServer_ExitsTwo_SayingHowToStartOne()
    {
        var status = await Epycloud.RunAsync(["status", "--server", "http://127.0.0.1:9"]);

        status.ExitCode.ShouldBe(ExitCodes.ConfigurationError, status.ToString());
        status.Error.ShouldContain("cannot reach the orchestrator at http://127.0.0.1:9");
        status.Error.ShouldContain("epycloud serve --local");
    }
}
