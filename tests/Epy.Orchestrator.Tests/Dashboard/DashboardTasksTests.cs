using System.Net;
using Epy.Contracts.Api;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Tests.Dashboard;

/// <summary>A run's tasks on the dashboard: the task table, the tasks pages, a task's calibration diagnostics and the run's configs.</summary>
public sealed class DashboardTasksTests
{
    [Fact]
    public async Task RunPage_TaskTable_LabelsTasksByLocation_WithStateTimeAttemptsAndExitMeaning()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(3).FailingTask(1, exitCode: 3));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, FailureTolerance: new FailureToleranceBody(MaxFailedTasks: 0), AutoResumes: 0));
        var done = await server.WaitForEndAsync(run.RunId, "FAILED");
        RunFiles.WriteManifestAndConfigs(server, done, "US-MA", "US-NH", "US-VT");
        var job = done.Jobs.Last(j => j.Stage == "runner").JobId;

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");
        var records = server.Services.GetRequiredService<LocalJobTable>().RunnerTasks(Epy.Contracts.Runs.RunId.Parse(run.RunId));

        page.ShouldContain("<table class=\"tasks\" id=\"task-table\">");
        var failed = Row(page, 1);
        failed.ShouldContain($"<a href=\"/runs/{run.RunId}/tasks/1\">1</a>");
        failed.ShouldContain("<td>US-NH</td>");
        failed.ShouldContain("FAILED");
        failed.ShouldContain("3 <span class=\"phase\">bad input: not retried</span>");
        failed.ShouldContain($"href=\"/runs/{run.RunId}/logs/{job}/1\"");
        Row(page, 0).ShouldContain("<td>US-MA</td>");
        Row(page, 2).ShouldContain("SUCCEEDED");
        page.IndexOf("task-failed", StringComparison.Ordinal).ShouldBeLessThan(page.IndexOf("task-succeeded", StringComparison.Ordinal), "failed tasks come first");
        records.Count.ShouldBe(3);
        records.ShouldAllBe(r => r.Attempts == 1 && r.StartedAt != null && r.EndedAt >= r.StartedAt, "every task's start and end are recorded");
        page.ShouldNotContain("<td>–</td><td>1</td>", Case.Sensitive, "a task that ran shows how long");
    }

    [Fact]
    public void RunPageAndTasksPage_FiveThousandTasks_StayAPageLong_FailedAndRunningFirst()
    {
        var run = Run(taskCount: 5000);
        var rows = Enumerable.Range(0, 5000).Select(i => new TaskRow(i, "stage-b-x-1", $"L{i}", i switch { 4321 => "FAILED", 17 or 2500 => "RUNNING", < 3000 => "SUCCEEDED", _ => "PENDING" },
            TimeSpan.FromSeconds(i), 1, i == 4321 ? 4 : null)).ToList();
        var files = new RunPageFiles(rows, [], null);

        var live = RunPage.Live(run, run.UpdatedAt, ChartSet.None("none"), new NoLogs(), files: files);
        var first = TaskListPage.Content(run, files, new NoLogs(), state: null, page: 1);
        var last = TaskListPage.Content(run, files, new NoLogs(), state: null, page: 50);
        var failedOnly = TaskListPage.Content(run, files, new NoLogs(), state: "failed", page: 1);

        CountOf(live, "<tr class=\"task-").ShouldBe(RunPage.TaskRowsShown);
        live.ShouldContain("25 of 5,000 tasks, failed and running first");
        live.ShouldContain($"href=\"/runs/{run.RunId}/tasks\" id=\"all-tasks\">all 5,000 tasks</a>");
        var order = new[] { "/tasks/4321\"", "/tasks/17\"", "/tasks/2500\"", "/tasks/0\"" }.Select(t => live.IndexOf(t, StringComparison.Ordinal)).ToList();
        order.ShouldBe(order.Order().ToList(), "failed, then running, then by index");
        order.ShouldAllBe(i => i >= 0);
        CountOf(first, "<tr class=\"task-").ShouldBe(TaskListPage.PageSize);
        first.ShouldContain("Tasks 1 to 100 of 5,000");
        first.ShouldContain($"href=\"/runs/{run.RunId}/tasks?page=2\">next →</a>");
        first.ShouldContain("failed (1)");
        first.ShouldContain("running (2)");
        last.ShouldContain("Tasks 4,901 to 5,000 of 5,000");
        last.ShouldNotContain("next →");
        CountOf(failedOnly, "<tr class=\"task-").ShouldBe(1);
        failedOnly.ShouldContain("4 <span class=\"phase\">");
    }

    [Fact]
    public async Task TaskPage_CalibratedTask_ShowsEpsilonAndAcceptancePerGeneration_AndAnUncalibratedOneSaysSo()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        RunFiles.WriteManifestAndConfigs(server, done, "US-MA", "US-NH");
        RunFiles.WriteCalibrationResult(server, done, 0);

        var calibrated = await HtmlAsync(server, $"/runs/{run.RunId}/tasks/0");
        var plain = await HtmlAsync(server, $"/runs/{run.RunId}/tasks/1");
        using var missing = await server.Client.GetAsync($"/runs/{run.RunId}/tasks/7");

        calibrated.ShouldContain("<h1>Task 0 · US-MA</h1>");
        calibrated.ShouldContain("<table class=\"numbers\" id=\"generations\">");
        calibrated.ShouldContain("<tr><th scope=\"row\">1</th><td>∞</td><td>2</td><td>100</td><td>100%</td>");
        calibrated.ShouldContain("<tr><th scope=\"row\">2</th><td>1334</td><td>2</td><td>200</td><td>50%</td>");
        calibrated.ShouldContain("<tr><th scope=\"row\">4</th><td>390.7</td><td>2</td><td>400</td><td>25%</td>");
        calibrated.ShouldContain("<svg class=\"sparkline\"");
        calibrated.ShouldContain("smc, stopped: completed.");
        plain.ShouldContain("This task calibrated nothing");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TaskPage_RunningCalibration_ShowsItsGenerationsSoFar_FromItsLog()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1).Holding(0));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var running = await server.WaitForAsync(run.RunId, r => r.Jobs.Any(j => j.Stage == "runner" && j.Running > 0), "ran its task");
        var job = running.Jobs.Last(j => j.Stage == "runner").JobId;
        var log = LocalModeOptions.TaskLogPath(server.Options.LogsRoot, run.RunId, job, 0);
        await File.AppendAllLinesAsync(log,
        [
            "runner: task 0 (calibration, US-MA): generation 1 of 6, ε Infinity, 100 particles, acceptance 100%, 4.2 s",
            "runner: task 0 (calibration, US-MA): generation 2 of 6, ε 1334, 100 particles, acceptance 51%, 5.4 s",
        ]);

        var page = await HtmlAsync(server, $"/runs/{run.RunId}/tasks/0");
        server.Fake!.Release(0);

        page.ShouldContain("So far, from the task&#39;s log");
        page.ShouldContain("<tr><th scope=\"row\">1</th><td>∞</td><td>100</td><td>–</td><td>100%</td><td>4.2 s</td></tr>");
        page.ShouldContain("<tr><th scope=\"row\">2</th><td>1334</td><td>100</td><td>–</td><td>51%</td><td>5.4 s</td></tr>");
    }

    [Fact]
    public void CalibrationLogLines_ReadsTheGenerationLines_LastReportOfAGenerationWins_OthersIgnored()
    {
        var rows = CalibrationLogLines.Parse(
        [
            "fake runner task 0 of flu/x",
            "runner: task 3 (calibration, US-NH): generation 1 of 3, ε 12.5, 80 particles, acceptance 41%, 2.1 s",
            "runner: task 3 (calibration, US-NH): generation 2 of 3, ε 7.25, 80 particles, acceptance 30%, 3 s",
            "runner: task 3 (calibration, US-NH): generation 2 of 3, ε 7, 80 particles, acceptance 33%, 3.5 s",
        ]);

        rows.ShouldBe([new CalibrationGenerationRow(0, 12.5, 80, null, 0.41, 2.1), new CalibrationGenerationRow(1, 7, 80, null, 0.33, 3.5)]);
    }

    [Fact]
    public async Task RunPage_Configs_AreShownByName_ReadOnlyAndEscaped()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        RunFiles.WriteManifestAndConfigs(server, done, "US-MA");

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");

        page.ShouldContain("<h2 id=\"configs-title\">Configs</h2>");
        page.ShouldContain("<summary class=\"mono\">basemodel.yml</summary>");
        page.ShouldContain("<summary class=\"mono\">modelset.yml</summary>");
        page.ShouldContain("# &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; friends");
        page.ShouldNotContain("<script>alert", Case.Sensitive);
        page.ShouldNotContain("<textarea", Case.Sensitive, "read-only: nothing to edit");
    }

    [Fact]
    public async Task RunPage_ManifestWithoutLabels_StillListsTasksByNumber()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");
        var tasks = await HtmlAsync(server, $"/runs/{run.RunId}/tasks");

        Row(page, 0).ShouldContain("<td>–</td>", customMessage: "the fake builder's manifest names no location");
        CountOf(tasks, "<tr class=\"task-succeeded\">").ShouldBe(2);
        page.ShouldNotContain("configs-title", Case.Sensitive, "no config was copied");
    }

    private static string Row(string page, int task)
    {
        var link = $"/tasks/{task}\">{task}</a>";
        var at = page.IndexOf(link, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, $"no row for task {task}");
        var start = page.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return page[start..page.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }

    private static RunView Run(int taskCount) => new(
        "20261207-080000-a1b2c3d4", "flu", "RUNNING_TASKS", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), null, taskCount, null, "cli",
        new Dictionary<string, string>(), [new JobView("stage-b-20261207-080000-a1b2c3d4-1", "runner", 1, "RUNNING", taskCount, 2497, 2, 2500, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null)],
        [], 0, 0, "flu/20261207-080000-a1b2c3d4/", [], []);

    private static async Task<string> HtmlAsync(LocalServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private sealed class NoLogs : IDashboardMode
    {
        public string Name => "test";

        public string TaskLogHref(string runId, string jobId, int task) => $"/logs/{task}";

        public string? TaskLogFile(Epy.Contracts.Runs.RunId run, Epy.Contracts.Runs.JobId job, int task) => null;

        public IReadOnlyList<TaskRecord>? TaskRecords(Epy.Contracts.Runs.RunId run) => null;
    }
}
