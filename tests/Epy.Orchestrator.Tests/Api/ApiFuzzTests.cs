using System.Net;
using CsCheck;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>
/// Every endpoint of the local server on malformed input (mutated and truncated JSON, wrong types,
/// huge bodies, invalid ids, path tricks in exp_id and the run id): each answer is a 4xx RFC 7807
/// problem, the server stays up, no run is created, the one finished run it holds is not changed and
/// no stage is started.
/// </summary>
public sealed class ApiFuzzTests(ApiFuzzTests.Server server) : IClassFixture<ApiFuzzTests.Server>
{
    private static readonly long Iterations = Fuzz.Iterations(250);

    // Valid requests, for an experiment the repository does not hold: only a mutation that breaks them can change the answer.
    private static readonly string[] StartBodies =
    [
        """{"exp_id": "no-such-exp"}""",
        """{"exp_id": "no-such-exp", "run_id": "20261124-101500-a1b2c3d4", "labels": {"team": "flu", "round": "5"}, "max_parallelism": 10}""",
        """{"exp_id": "no/such-exp", "stage_b": {"cpu_milli": 2000, "memory_mib": 4096, "machine_type": "e2-standard-2", "max_run_duration_seconds": 3600}, "failure_tolerance": {"max_failed_tasks": 2, "max_failed_fraction": 0.1}, "auto_resumes": 2, "skip_output": false, "deadline_hours": 12.5, "spot": true}""",
    ];

    /// <summary>One server for every case, holding one finished run; nothing may be added or changed.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public LocalServer Local { get; private set; } = null!;

        public StoredRun Finished { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Local = await LocalServer.StartFakeAsync();
            (Finished, _) = await Local.Services.GetRequiredService<IRunStore>().CreateAsync(StoredRuns.Stored(1, status: RunStatus.Succeeded), null, default);
        }

        public async Task DisposeAsync() => await Local.DisposeAsync();
    }

    [Fact]
    public async Task StartRun_MalformedBodies_Are4xxProblems_AndChangeNothing()
    {
        await Fuzz.Mutants(StartBodies).CheckAsync(async body =>
        {
            using var response = await server.Local.PostJsonAsync("/v1/runs", body);
            await ShouldBeProblemAsync(response, body);
        }, iterations: Iterations);

        await NothingChangedAsync();
    }

    [Theory]
    [InlineData(70_000)]
    [InlineData(5_000_000)]
    public async Task StartRun_HugeBody_Is413Problem(int size)
    {
        var huge = $$$"""{"exp_id": "flu-fake", "labels": {"x": "{{{new string('a', size)}}}"}}""";

        // Expect: 100-continue, as a careful client sends a big body: the server refuses before it is sent
        // (without it the server's early answer can break the client's pipe mid-body).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        // Waits for the server's answer before sending the body even on a busy machine (the default is 1 s).
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = server.Local.Client.BaseAddress };
        using var response = await client.SendAsync(request);

        (await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge)).Title.ShouldNotBeNullOrWhiteSpace();
        await NothingChangedAsync();
    }

    [Fact]
    public async Task StartRun_DeeplyNestedJson_Is400Problem()
    {
        var nested = """{"exp_id": "flu-fake", "labels": """ + new string('[', 5_000) + new string(']', 5_000) + "}";

        using var response = await server.Local.PostJsonAsync("/v1/runs", nested);

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        await NothingChangedAsync();
    }

    [Fact]
    public async Task RunEndpoints_InvalidOrTrickyIds_Are4xxProblems_AndChangeNothing()
    {
        var ids = Gen.OneOf(
            Fuzz.Text(40),
            Fuzz.Mutants("20261124-101500-a1b2c3d4", server.Finished.State.Run.Value),
            Gen.OneOfConst("..", "../..", "%2e%2e", "..%2f..%2fetc%2fpasswd", "20261124-101500-a1b2c3d4%0a", "20261124-101500-a1b2c3d4%00", "%ff%fe", new string('9', 5_000)));
        await ids.CheckAsync(async id =>
        {
            var escaped = id.Contains('%', StringComparison.Ordinal) ? id : Uri.EscapeDataString(id);
            // "" and "." (a dot segment the client removes) leave /v1/runs/: the list, rightly.
            using (var get = await server.Local.Client.GetAsync($"/v1/runs/{escaped}"))
                await ShouldBeAnswerAsync(get, id, okAllowed: id is "" or "." || id == server.Finished.State.Run.Value);
            foreach (var action in new[] { "cancel", "resume" })
            {
                using var post = await server.Local.PostJsonAsync($"/v1/runs/{escaped}:{action}", "{}");
                await ShouldBeProblemAsync(post, $"{action} {id}");
            }
        }, iterations: Iterations);

        await NothingChangedAsync();
    }

    [Fact]
    public async Task ListRuns_InvalidQueries_Are400Problems_OrAPage()
    {
        var values = Gen.OneOf(Fuzz.Text(30), Gen.OneOfConst("", "-1", "0", "501", "99999999999", "1e3", "../x", "flu\n", "20261124-101500-a1b2c3d4\n"));
        await Gen.Select(values, values, values, values).CheckAsync(async (expId, state, size, token) =>
        {
            var query = $"?exp_id={Uri.EscapeDataString(expId)}&state={Uri.EscapeDataString(state)}&page_size={Uri.EscapeDataString(size)}&page_token={Uri.EscapeDataString(token)}";
            using var response = await server.Local.Client.GetAsync("/v1/runs" + query);
            await ShouldBeAnswerAsync(response, query, okAllowed: true);
        }, iterations: Iterations);

        await NothingChangedAsync();
    }

    /// <summary>A 4xx problem (never a 2xx, never a 5xx), and the server still answers.</summary>
    private async Task ShouldBeProblemAsync(HttpResponseMessage response, string input)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBeInRange(400, 499, $"input: {input}\nanswer: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"input: {input}\nanswer: {body}");
        await StillUpAsync();
    }

    private async Task ShouldBeAnswerAsync(HttpResponseMessage response, string input, bool okAllowed)
    {
        if (okAllowed && response.StatusCode == HttpStatusCode.OK)
        {
            await StillUpAsync();
            return;
        }
        await ShouldBeProblemAsync(response, input);
    }

    private async Task StillUpAsync()
    {
        using var health = await server.Local.Client.GetAsync("/healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task NothingChangedAsync()
    {
        var store = server.Local.Services.GetRequiredService<IRunStore>();
        var runs = (await store.ListAsync(new RunQuery(null, null, 10, null), default)).Runs;
        runs.Count.ShouldBe(1, string.Join(", ", runs.Select(r => r.State.Run)));
        runs[0].Version.ShouldBe(server.Finished.Version);
        runs[0].State.ShouldBe(server.Finished.State);
        server.Local.Fake!.Calls().ShouldBeEmpty();
        Directory.Exists(server.Local.Options.BucketRoot).ShouldBeFalse();
    }
}
