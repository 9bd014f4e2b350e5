using System.Net;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary><c>GET /v1/runs/{id}/history</c>: the run's whole history, oldest first, in pages.</summary>
public sealed class HistoryTests
{
    [Fact]
    public async Task History_PagesThroughEveryEntry_AndRefusesBadQueries()
    {
        await using var server = await LocalServer.StartFakeAsync(fake => fake.WithTasks(1));
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");

        var entries = new List<HistoryView>();
        var pages = 0;
        string? token = null;
        do
        {
            using var response = await server.Client.GetAsync($"/v1/runs/{run.RunId}/history?page_size=2" + (token is null ? "" : $"&page_token={token}"));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            var page = JsonSerializer.Deserialize<HistoryPage>(await response.Content.ReadAsStringAsync(), OrchestratorJson.Options)!;
            page.Total.ShouldBe(done.History.Count);
            entries.AddRange(page.History);
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        entries.ShouldBe(done.History);
        pages.ShouldBe((done.History.Count + 1) / 2);
        using var unknown = await server.Client.GetAsync("/v1/runs/20261124-101500-ffffffff/history");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var badToken = await server.Client.GetAsync($"/v1/runs/{run.RunId}/history?page_token=abc");
        badToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
