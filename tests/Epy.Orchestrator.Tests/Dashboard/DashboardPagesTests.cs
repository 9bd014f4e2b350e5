using System.Net;
using System.Text;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Dashboard;

/// <summary>The dashboard's pages and routes over real HTTP, against the local orchestrator running the fake stage.</summary>
public sealed class DashboardPagesTests
{
    [Fact]
    public async Task ListPage_ShowsRunsNewestFirst_AndFiltersByExperimentAndState()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        // Ids a second apart: runs list newest first by id, and two made in the same second have no order.
        var first = await ExampleOutputs.FinishedRunAsync(server, "20261124-100000-0000000a");
        var other = await server.StartRunAsync(new StartRunRequest(ForecastRepo.OtherExperiment, RunId: "20261124-100001-0000000b"));
        await server.WaitForEndAsync(other.RunId, "SUCCEEDED");

        var all = await HtmlAsync(server, "/");
        var byExperiment = await HtmlAsync(server, "/?exp_id=" + Uri.EscapeDataString(ForecastRepo.Experiment));
        var failedOnly = await HtmlAsync(server, "/?state=FAILED");
        var rows = await HtmlAsync(server, "/dashboard/runs-rows?state=SUCCEEDED");

        all.ShouldStartWith("<!doctype html>");
        all.IndexOf(other.RunId, StringComparison.Ordinal).ShouldBeLessThan(all.IndexOf(first.RunId, StringComparison.Ordinal), "newest first");
        all.ShouldContain("data-refresh=\"/dashboard/runs-rows\"");
        byExperiment.ShouldContain(first.RunId);
        byExperiment.ShouldNotContain($"/runs/{other.RunId}");
        failedOnly.ShouldContain("No runs yet.");
        rows.ShouldNotContain("<html");
        rows.ShouldContain(first.RunId);
        rows.ShouldContain(other.RunId);
    }

    [Fact]
    public async Task ListPage_WithAnInvalidFilter_SaysWhy_AndShowsEveryRun()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));

        var page = await HtmlAsync(server, "/?state=DANCING&exp_id=..%2Fx");

        page.ShouldContain("role=\"alert\"");
        page.ShouldContain("&#39;DANCING&#39; is not a run state");
        page.ShouldContain(run.RunId);
    }

    [Fact]
    public async Task RunPage_FinishedRun_ShowsStagesProgressOutputsAndAChartPerLocation()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await ExampleOutputs.FinishedRunAsync(server);

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");

        page.ShouldContain("A · builder");
        page.ShouldContain("B · runner");
        page.ShouldContain("C · output");
        page.ShouldContain("2 of 2 tasks done, 0 running, 0 failed");
        page.ShouldContain("<progress id=\"task-progress\" max=\"2\" value=\"2\"");
        page.ShouldContain($"href=\"/runs/{run.RunId}/outputs/output_hub_formatted.csv.gz\"");
        page.ShouldContain($"href=\"/runs/{run.RunId}/outputs/x.csv.gz\"");
        CountOf(page, "<svg class=\"fan-chart\"").ShouldBe(2);
        page.ShouldContain("Massachusetts (US-MA)");
        page.ShouldContain("New Hampshire (US-NH)");
        page.ShouldContain("data-final=\"true\"");
        page.ShouldNotContain("data-action=\"cancel\"", customMessage: "a finished run cannot be cancelled");
        page.ShouldContain("data-action=\"start\"");
    }

    [Fact]
    public async Task RunPage_FailedRun_ListsTheFailedTasksWithExitCodes_LinksToTheirLogs_AndOffersNoResumeForBadInput()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(3).FailingTask(1, exitCode: 3));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, FailureTolerance: new FailureToleranceBody(MaxFailedTasks: 0), AutoResumes: 0));
        var done = await server.WaitForEndAsync(run.RunId, "FAILED");
        var job = done.Jobs.Last(j => j.Stage == "runner").JobId;

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");
        var log = await server.Client.GetAsync($"/runs/{run.RunId}/logs/{job}/1");

        page.ShouldContain("<tr class=\"task-failed\"><th scope=\"row\"><a href=\"/runs/" + run.RunId + "/tasks/1\">1</a></th>");
        page.ShouldContain("<td>3 <span class=\"phase\">bad input: not retried</span></td>");
        page.ShouldContain($"href=\"/runs/{run.RunId}/logs/{job}/1\"");
        page.ShouldNotContain("data-action=\"resume\"", Case.Sensitive, "a task refusing its input (exit 3) fails the same way again: no Resume offered");
        log.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await log.Content.ReadAsStringAsync()).ShouldContain("fake runner task 1");
        (await server.Client.GetAsync($"/runs/{run.RunId}/logs/stage-b-20991231-000000-00000000-1/1")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "another run's job");
    }

    [Fact]
    public async Task RunPage_FailedBuilder_ShowsTheEndOfItsLogUnderTheBanner()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.FailingTask("builder", exitCode: 3));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, AutoResumes: 0));
        var done = await server.WaitForEndAsync(run.RunId, "FAILED");
        var job = done.Jobs[^1].JobId;

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");

        page.ShouldContain("Last lines of the builder log");
        page.ShouldContain($"fake builder task 0 of {ForecastRepo.Experiment}/{run.RunId}");
        page.ShouldContain($"href=\"/runs/{run.RunId}/logs/{job}/0\">whole log</a>");
    }

    [Fact]
    public async Task RunPage_TransientFailure_OffersResume()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).FailingTask(1, exitCode: 4));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, FailureTolerance: new FailureToleranceBody(MaxFailedTasks: 0), AutoResumes: 0));
        await server.WaitForEndAsync(run.RunId, "FAILED");

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");

        page.ShouldContain("data-action=\"resume\"");
        page.ShouldContain("Only its failed tasks run again.");
    }

    [Fact]
    public async Task OutputRoute_StreamsTheFile_AndRefusesPathsOutsideTheOutputsFolder()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await ExampleOutputs.FinishedRunAsync(server);
        await File.WriteAllTextAsync(Path.Combine(server.RunFolder(run), "secret.txt"), "SECRET-CONTENT");

        using var json = await server.Client.GetAsync($"/runs/{run.RunId}/outputs/fan_charts.json");
        using var hub = await server.Client.GetAsync($"/runs/{run.RunId}/outputs/output_hub_formatted.csv.gz");

        json.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await json.Content.ReadAsByteArrayAsync()).ShouldBe(await File.ReadAllBytesAsync(ExampleOutputs.ChartsFile));
        hub.Content.Headers.ContentType!.MediaType.ShouldBe("application/gzip");
        hub.Content.Headers.ContentDisposition!.FileName.ShouldBe("output_hub_formatted.csv.gz");
        foreach (var name in new[] { "..%2Fsecret.txt", "..%2F..%2F..%2Frun_record.json", ".x.csv.gz.tmp", "missing.csv" })
        {
            using var refused = await server.Client.GetAsync($"/runs/{run.RunId}/outputs/{name}");
            refused.StatusCode.ShouldBeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.NotFound], name);
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("SECRET-CONTENT");
        }
    }

    [Fact]
    public async Task RunPage_UnknownRun_Is404Page_AndAssetsAreServedFromTheAssembly()
    {
        await using var server = await LocalServer.StartFakeAsync();

        using var missing = await server.Client.GetAsync("/runs/20991231-000000-00000000");
        using var css = await server.Client.GetAsync("/dashboard/dashboard.css");
        using var js = await server.Client.GetAsync("/dashboard/dashboard.js");
        using var none = await server.Client.GetAsync("/dashboard/nothing.js");

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Run not found");
        css.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        (await css.Content.ReadAsStringAsync()).ShouldContain(".fan-chart");
        js.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        none.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Api_RefusesACrossSiteCancel_AndTakesTheDashboardsSameOriginOne()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2).Sleeping(60));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));

        using var crossSite = await PostAsync(server, $"/v1/runs/{run.RunId}:cancel", ("Sec-Fetch-Site", "cross-site"));
        using var otherOrigin = await PostAsync(server, $"/v1/runs/{run.RunId}:cancel", ("Origin", "https://evil.example"));
        (await server.GetRunAsync(run.RunId)).State.ShouldNotBe("CANCELLING");
        using var sameOrigin = await PostAsync(server, $"/v1/runs/{run.RunId}:cancel", ("Sec-Fetch-Site", "same-origin"), ("Origin", server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority)), ("X-Epy-Client", "dashboard"));

        crossSite.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        otherOrigin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        sameOrigin.StatusCode.ShouldBe(HttpStatusCode.Accepted, await sameOrigin.Content.ReadAsStringAsync());
        await server.WaitForEndAsync(run.RunId, "CANCELLED");
    }

    private static async Task<string> HtmlAsync(LocalServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        return body;
    }

    private static async Task<HttpResponseMessage> PostAsync(LocalServer server, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("", Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await server.Client.SendAsync(request);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
