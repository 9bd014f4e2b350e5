using System.Net;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>GET /v1/runs: newest first, filtered by exp_id and state, paged with page_token; GET /healthz.</summary>
public sealed class ListRunsTests
{
    [Fact]
    public async Task Healthz_IsOk()
    {
        await using var server = await LocalServer.StartFakeAsync();

        using var response = await server.Client.GetAsync("/healthz");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("""{"status":"ok"}""");
    }

    [Fact]
    public async Task List_PagesThroughEveryRun_NewestFirst_WithoutRepeats()
    {
        await using var server = await SeededAsync();

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await server.ListRunsAsync($"?page_size=3{(token is null ? "" : $"&page_token={token}")}");
            page.Runs.Count.ShouldBeLessThanOrEqualTo(3);
            page.Runs.ShouldAllBe(run => run.History.Count == 0, "a list leaves the history out");
            seen.AddRange(page.Runs.Select(r => r.RunId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        pages.ShouldBe(3);
        seen.ShouldBe(Seeded.Select(r => r.State.Run.Value).OrderDescending(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("?exp_id=covid%2Ffake", new[] { 6, 3 })]
    [InlineData("?state=FAILED", new[] { 5, 2 })]
    [InlineData("?state=failed&exp_id=flu-fake", new[] { 5, 2 })]
    [InlineData("?state=CANCELLED&exp_id=covid%2Ffake", new[] { 6 })]
    [InlineData("?state=RUNNING_TASKS", new int[0])]
    [InlineData("?exp_id=flu-fake&page_size=2", new[] { 7, 5 })]
    public async Task List_Filters(string query, int[] expected)
    {
        await using var server = await SeededAsync();

        var page = await server.ListRunsAsync(query);

        page.Runs.Select(r => r.RunId).ShouldBe(expected.Select(n => StoredRuns.Stored(n).State.Run.Value));
    }

    [Theory]
    [InlineData("?state=DONE", "state")]
    [InlineData("?exp_id=..%2Fx", "exp_id")]
    [InlineData("?page_size=0", "page_size")]
    [InlineData("?page_size=-3", "page_size")]
    [InlineData("?page_token=abc", "page_token")]
    public async Task List_BadQuery_Is400ProblemNamingTheParameter(string query, string field)
    {
        await using var server = await LocalServer.StartFakeAsync();

        using var response = await server.Client.GetAsync($"/v1/runs{query}");

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.ShouldContain(field);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(10_000)]
    public async Task List_OfTheLargestPageOrMore_IsClampedTo500_AndItsNextPageReachesTheRest(int pageSize)
    {
        await using var server = await LocalServer.StartFakeAsync();
        var store = server.Services.GetRequiredService<IRunStore>();
        for (var n = 1; n <= 501; n++)
            await store.CreateAsync(StoredRuns.Stored(n, status: RunStatus.Succeeded), idempotencyKey: null, CancellationToken.None);

        var first = await server.ListRunsAsync($"?page_size={pageSize}");
        var rest = await server.ListRunsAsync($"?page_size={pageSize}&page_token={first.NextPageToken}");

        first.Runs.Count.ShouldBe(500);
        first.NextPageToken.ShouldBe(first.Runs[^1].RunId, "a full page of 500 must lead to the 501st run");
        rest.Runs.ShouldHaveSingleItem().RunId.ShouldBe(StoredRuns.Stored(1).State.Run.Value);
        rest.NextPageToken.ShouldBeNull();
    }

    [Fact]
    public async Task Get_UnknownRun_Is404_AndMalformedId400()
    {
        await using var server = await LocalServer.StartFakeAsync();

        using var unknown = await server.Client.GetAsync("/v1/runs/20260101-000000-0000abcd");
        using var malformed = await server.Client.GetAsync("/v1/runs/latest");

        (await Problem.ReadAsync(unknown, HttpStatusCode.NotFound)).Title.ShouldBe("run not found");
        (await Problem.ReadAsync(malformed, HttpStatusCode.BadRequest)).Title.ShouldBe("not a run id");
    }

    /// <summary>Seven finished runs, ids ordered by their number: flu-fake 1, 2 (FAILED), 4, 5 (FAILED), 7; covid/fake 3, 6 (CANCELLED).</summary>
    private static readonly StoredRun[] Seeded =
    [
        StoredRuns.Stored(1, status: RunStatus.Succeeded),
        StoredRuns.Stored(2, status: RunStatus.Failed),
        StoredRuns.Stored(3, ForecastRepo.OtherExperiment, RunStatus.Succeeded),
        StoredRuns.Stored(4, status: RunStatus.Succeeded),
        StoredRuns.Stored(5, status: RunStatus.Failed),
        StoredRuns.Stored(6, ForecastRepo.OtherExperiment, RunStatus.Cancelled),
        StoredRuns.Stored(7, status: RunStatus.Succeeded),
    ];

    private static async Task<LocalServer> SeededAsync()
    {
        var server = await LocalServer.StartFakeAsync();
        var store = server.Services.GetRequiredService<IRunStore>();
        // Finished runs: the reconciler leaves them alone, so the listing is stable.
        foreach (var run in Seeded.Reverse())
            await store.CreateAsync(run, idempotencyKey: null, CancellationToken.None);
        return server;
    }
}
