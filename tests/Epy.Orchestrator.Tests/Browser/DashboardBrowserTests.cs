using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Dashboard;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Browser;

/// <summary>
/// The dashboard in a real browser (headless Chromium over the DevTools protocol) against the local
/// orchestrator on 127.0.0.1 running the fake stage, with the example's real output files for the
/// charts. Screenshots go to TestResults/screenshots/.
/// </summary>
public sealed class DashboardBrowserTests
{
    private static string Screenshot(string name) => Path.Combine(TestData.RepositoryRoot, "TestResults", "screenshots", name);

    [Fact]
    public async Task FinishedRun_TheListShowsIt_AndItsPageShowsTheStagesAndAFanChartPerLocation()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await ExampleOutputs.FinishedRunAsync(server);
        await using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        var site = server.Client.BaseAddress!.ToString().TrimEnd('/');

        await page.NavigateAsync(site + "/");
        await page.WaitForAsync($"document.querySelector('#runs a[href=\"/runs/{run.RunId}\"]')", "the list never showed the run");
        (await page.TextAsync("document.querySelector('#runs tr').innerText")).ShouldContain("SUCCEEDED");
        (await page.TextAsync("document.title")).ShouldBe("Runs · Epy runs");
        await page.PressAsync("Tab", 9);
        (await page.TextAsync("document.activeElement.className")).ShouldBe("skip", "the first Tab reaches the skip link");

        // Live: a run started elsewhere shows up without a reload.
        var later = await server.StartRunAsync(new StartRunRequest(ForecastRepo.OtherExperiment));
        await page.WaitForAsync($"document.querySelector('#runs a[href=\"/runs/{later.RunId}\"]')", "the list never refreshed with the new run", seconds: 15);
        await page.EvaluateAsync("document.activeElement.blur()");
        await page.ScreenshotAsync(Screenshot("runs-list.png"));

        await page.NavigateAsync($"{site}/runs/{run.RunId}");
        await page.WaitForAsync("document.querySelectorAll('svg.fan-chart').length === 2", "the run page never showed two fan charts");
        (await page.EvaluateAsync("document.querySelectorAll('svg.fan-chart path').length")).GetInt32().ShouldBe(6);
        (await page.EvaluateAsync("document.querySelector('svg.fan-chart path.median').getTotalLength() > 100")).GetBoolean().ShouldBeTrue("the median is drawn across the chart");
        var stages = await page.TextAsync("document.querySelector('table.stages').innerText");
        stages.ShouldContain("A · builder");
        stages.ShouldContain("B · runner");
        stages.ShouldContain("C · output");
        (await page.TextAsync("document.querySelector('#task-progress-text').innerText")).ShouldBe("2 of 2 tasks done, 0 running, 0 failed");
        (await page.EvaluateAsync("document.querySelectorAll('ul.outputs a[download]').length")).GetInt32().ShouldBe(3);
        await page.ScreenshotAsync(Screenshot("run-succeeded.png"));

        // Start another run of the experiment: confirm, and the browser lands on the new run's page.
        await page.EvaluateAsync("document.querySelector('#action-start').click()");
        await page.WaitForAsync("document.querySelector('#confirm').open", "the start confirmation never opened");
        (await page.TextAsync("document.querySelector('#confirm-exp-id').value")).ShouldBe(ForecastRepo.Experiment);
        await page.EvaluateAsync("document.querySelector('#confirm-ok').click()");
        await page.WaitForAsync($"location.pathname.startsWith('/runs/') && location.pathname !== '/runs/{run.RunId}' && document.readyState === 'complete'", "the browser never went to the new run");
        var started = (await page.TextAsync("location.pathname"))["/runs/".Length..];
        var startedRun = await server.GetRunAsync(started);
        startedRun.ExpId.ShouldBe(ForecastRepo.Experiment);
        startedRun.RequestedBy.ShouldBe("dashboard");
        page.Console.ShouldNotContain(line => line.StartsWith("uncaught", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedRun_TaskTableLeadsToACalibratedTasksDiagnostics_AndThePageShowsTheConfigs()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(3).FailingTask(2, exitCode: 4));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, FailureTolerance: new FailureToleranceBody(MaxFailedTasks: 0), AutoResumes: 0));
        var done = await server.WaitForEndAsync(run.RunId, "FAILED");
        RunFiles.WriteManifestAndConfigs(server, done, "US-MA", "US-NH", "US-VT");
        RunFiles.WriteCalibrationResult(server, done, 0);
        await using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        var site = server.Client.BaseAddress!.ToString().TrimEnd('/');

        await page.NavigateAsync($"{site}/runs/{run.RunId}");
        await page.WaitForAsync("document.querySelector('#task-table')", "the run page never showed the task table");
        (await page.EvaluateAsync("document.querySelectorAll('#task-table tbody tr').length")).GetInt32().ShouldBe(3);
        var firstRow = await page.TextAsync("document.querySelector('#task-table tbody tr').innerText");
        firstRow.ShouldContain("US-VT", Case.Sensitive, "the failed task comes first, labelled by its location");
        firstRow.ShouldContain("FAILED");
        firstRow.ShouldContain("4 transient failure");
        (await page.TextAsync("document.querySelector('#task-table thead').innerText")).ShouldContain("Attempts");
        (await page.EvaluateAsync("document.querySelectorAll('details.config-file').length")).GetInt32().ShouldBe(2);
        await page.EvaluateAsync("document.querySelectorAll('details.config-file').forEach(d => d.open = true)");
        (await page.TextAsync("document.querySelector('#config-2 pre').textContent")).ShouldBe(RunFiles.ModelsetText);
        (await page.EvaluateAsync("document.querySelector('#config-2 pre script') === null")).GetBoolean().ShouldBeTrue("a config is text, never markup");
        await page.ScreenshotAsync(Screenshot("run-tasks-and-configs.png"));

        await page.EvaluateAsync($"document.querySelector('#task-table a[href=\"/runs/{run.RunId}/tasks/0\"]').click()");
        await page.WaitForAsync("location.pathname.endsWith('/tasks/0') && document.querySelector('#generations')", "the task link never led to its diagnostics");
        (await page.TextAsync("document.querySelector('h1').innerText")).ShouldBe("Task 0 · US-MA");
        (await page.EvaluateAsync("document.querySelectorAll('#generations tbody tr').length")).GetInt32().ShouldBe(RunFiles.Epsilons.Length);
        (await page.TextAsync("document.querySelector('#generations tbody tr:nth-child(2)').innerText")).ShouldStartWith("2\t1334\t2\t200\t50%");
        (await page.EvaluateAsync("document.querySelector('svg.sparkline polyline').getTotalLength() > 50")).GetBoolean().ShouldBeTrue("ε is drawn over the generations");
        await page.ScreenshotAsync(Screenshot("task-calibration.png"));

        await page.NavigateAsync($"{site}/runs/{run.RunId}/tasks?state=failed");
        (await page.EvaluateAsync("document.querySelectorAll('#task-table tbody tr').length")).GetInt32().ShouldBe(1);
        await page.ScreenshotAsync(Screenshot("run-tasks-failed.png"));
        page.Console.ShouldNotContain(line => line.StartsWith("uncaught", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunningRun_CancelAfterConfirming_EndsCancelled_AndThePageSaysSo()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).Sleeping(60));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        await server.WaitForAsync(run.RunId, r => r.Jobs.Any(j => j.Stage == "runner" && j.Running > 0), "ran its tasks");
        await using var browser = await Chromium.StartAsync();
        await using var page = await browser.NewPageAsync();
        var site = server.Client.BaseAddress!.ToString().TrimEnd('/');

        await page.NavigateAsync($"{site}/runs/{run.RunId}");
        await page.WaitForAsync("document.querySelector('#action-cancel')", "no cancel button");
        await page.ScreenshotAsync(Screenshot("run-running.png"));
        await page.EvaluateAsync("document.querySelector('#action-cancel').click()");
        await page.WaitForAsync("document.querySelector('#confirm').open", "the confirmation never opened");
        (await page.TextAsync("document.querySelector('#confirm-text').innerText")).ShouldContain(run.RunId);
        (await server.GetRunAsync(run.RunId)).State.ShouldBe("RUNNING_TASKS", "nothing happens before confirming");
        (await page.TextAsync("document.activeElement.textContent")).ShouldBe("Back", "a cancel's dialog opens on its harmless choice");
        await page.ScreenshotAsync(Screenshot("run-cancel-confirm.png"));
        await page.PressAsync("Escape", 27);
        await page.WaitForAsync("!document.querySelector('#confirm').open", "Escape never closed the dialog");
        await page.WaitForAsync("document.activeElement.id === 'action-cancel'", "focus never went back to the button that opened the dialog", seconds: 5);
        (await server.GetRunAsync(run.RunId)).State.ShouldBe("RUNNING_TASKS", "Escape cancels nothing");
        await page.EvaluateAsync("document.querySelector('#action-cancel').click()");
        await page.WaitForAsync("document.querySelector('#confirm').open", "the confirmation never opened again");

        await page.EvaluateAsync("document.querySelector('#confirm-ok').click()");

        await page.WaitForAsync("document.querySelector('.state-line .badge')?.textContent === 'CANCELLED'", "the page never showed CANCELLED", seconds: 30);
        (await server.GetRunAsync(run.RunId)).State.ShouldBe("CANCELLED");
        (await page.EvaluateAsync("document.querySelector('#action-cancel') === null")).GetBoolean().ShouldBeTrue();
        (await page.TextAsync("document.querySelector('#task-progress-text').innerText")).ShouldEndWith("0 running, 0 failed", Case.Sensitive, "cancelled tasks did not fail");
        await page.ScreenshotAsync(Screenshot("run-cancelled.png"));
        page.Console.ShouldNotContain(line => line.StartsWith("uncaught", StringComparison.Ordinal));
    }
}
