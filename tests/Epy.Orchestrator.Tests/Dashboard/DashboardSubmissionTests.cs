using System.Net;
using System.Text.Json;
using Epy.Contracts.Outputs;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Dashboard;

/// <summary>The run page's verdict on the submission, from <c>outputs/submission_validation.json</c>.</summary>
public sealed class DashboardSubmissionTests
{
    [Fact]
    public async Task RunPage_ValidSubmission_ShowsTheValidBadgeInWords()
    {
        var page = await RunPageWithAsync("""{"valid": true, "problems": [], "hub_config": "/hub/hub-config"}""");

        page.ShouldContain("<span class=\"badge state-succeeded\" id=\"submission-verdict\">Submission valid</span>");
        page.ShouldNotContain("Submission invalid");
        page.ShouldNotContain("submission-problems");
    }

    [Fact]
    public async Task RunPage_VerdictNamingTheFile_ShowsItsName()
    {
        var page = await RunPageWithAsync("""
            {"valid": true, "problems": [], "hub_config": "/hub/hub-config",
             "submission_file": "2025-12-20-MOBS-GLEAM.csv", "model_id": "MOBS-GLEAM", "reference_date": "2025-12-20"}
            """);

        page.ShouldContain("The hub file <span class=\"mono\">2025-12-20-MOBS-GLEAM.csv</span> passes the hub's validation.");
    }

    [Fact]
    public async Task RunPage_InvalidSubmission_ShowsTheInvalidBadge_AndTheFirstTwentyProblems()
    {
        var problems = Enumerable.Range(1, 23).Select(i => $"row {i}: value < 0").ToList();
        var json = JsonSerializer.Serialize(new { valid = false, problems, hub_config = "/hub/hub-config" });

        var page = await RunPageWithAsync(json);

        page.ShouldContain("<span class=\"badge state-failed\" id=\"submission-verdict\">Submission invalid</span>");
        page.ShouldContain("<li>row 1: value &lt; 0</li>");
        page.ShouldContain("<li>row 20: value &lt; 0</li>");
        page.ShouldNotContain("row 21:");
        page.ShouldContain("and 3 more");
    }

    [Theory]
    [InlineData("{\"valid\": tru")]
    [InlineData("{\"problems\": []}")]
    [InlineData("[1, 2]")]
    public async Task RunPage_MalformedVerdict_SaysItIsUnreadable_AndStillRenders(string content)
    {
        var page = await RunPageWithAsync(content);

        page.ShouldContain(">Submission check unreadable</span>");
        page.ShouldContain("submission check unreadable:");
        page.ShouldNotContain("Submission valid");
        page.ShouldNotContain("Submission invalid");
        CountOfCharts(page).ShouldBe(2, "the rest of the page still renders");
    }

    [Fact]
    public async Task RunPage_WithoutAVerdict_ShowsNoSubmissionSection()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await ExampleOutputs.FinishedRunAsync(server);

        var page = await HtmlAsync(server, $"/runs/{run.RunId}");

        page.ShouldNotContain("submission-verdict");
    }

    private static async Task<string> RunPageWithAsync(string verdict)
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(2));
        var run = await ExampleOutputs.FinishedRunAsync(server);
        await File.WriteAllTextAsync(Path.Combine(server.RunFolder(run), "outputs", SubmissionValidationFile.FileName), verdict);
        return await HtmlAsync(server, $"/runs/{run.RunId}");
    }

    private static async Task<string> HtmlAsync(LocalServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    private static int CountOfCharts(string page) => page.Split("<svg class=\"fan-chart\"").Length - 1;
}
