using System.Net;
using System.Text;
using System.Text.Json;
using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Orchestrator;
using Epy.Orchestrator.Local;
using Microsoft.AspNetCore.Builder;

namespace Epy.Testing.Fixtures;

/// <summary>
/// The local orchestrator as <c>epycloud serve --local</c> runs it (<see cref="ServeCommand.BuildApp"/>),
/// on a free port of 127.0.0.1, with its SQLite file, bucket folder and logs in a temp folder, and
/// the stage program's tasks as real child processes (the fake stage unless told otherwise).
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly bool _ownsFolder;
    private WebApplication? _app;

    private LocalServer(TempFolder folder, bool ownsFolder, LocalModeOptions options, FakeStage? fake)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        Options = options;
        Fake = fake;
    }

    public LocalModeOptions Options { get; }

    /// <summary>The fake stage program, or null when the real one runs.</summary>
    public FakeStage? Fake { get; }

    /// <summary>A client for the API (base address set).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The app's services (the run store, the job runner, ...).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Starts a server running the fake stage on a minimal repository; <paramref name="arrange"/> sets the fake up first.</summary>
    public static Task<LocalServer> StartFakeAsync(Action<FakeStage>? arrange = null)
    {
        var folder = new TempFolder();
        var fake = new FakeStage(folder.Combine("fake"));
        arrange?.Invoke(fake);
        var options = OptionsFor(folder, ForecastRepo.Minimal(folder), fake.Command, fake.Environment);
        return StartAsync(new LocalServer(folder, ownsFolder: true, options, fake));
    }

    /// <summary>Starts a server running the real stage program (copied beside the test binaries) on <paramref name="projectDir"/>.</summary>
    public static Task<LocalServer> StartRealAsync(TempFolder folder, string projectDir) =>
        StartAsync(new LocalServer(folder, ownsFolder: false,
            OptionsFor(folder, projectDir, StageProgramLocator.Find(), new Dictionary<string, string> { ["EPYDEMIX_DATA_DIR"] = TestData.EpydemixDataRoot }),
            fake: null));

    /// <summary>
    /// Stops the app abruptly — its runs are not cancelled, its child processes are stopped and its
    /// jobs left unfinished in the database, as after a crash — and starts a new one on the same files.
    /// </summary>
    public async Task RestartAsync()
    {
        Client.Dispose();
        await _app!.DisposeAsync();
        await StartAppAsync();
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return await Client.SendAsync(request);
    }

    /// <summary>POSTs <paramref name="request"/> to /v1/runs and expects 201 Created.</summary>
    public async Task<RunView> StartRunAsync(StartRunRequest request)
    {
        using var response = await PostJsonAsync("/v1/runs", JsonSerializer.Serialize(request, OrchestratorJson.Options));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<RunView>(body, OrchestratorJson.Options)!;
    }

    public async Task<RunView> GetRunAsync(string runId)
    {
        using var response = await Client.GetAsync($"/v1/runs/{runId}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<RunView>(body, OrchestratorJson.Options)!;
    }

    public async Task<RunList> ListRunsAsync(string query = "")
    {
        using var response = await Client.GetAsync($"/v1/runs{query}");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<RunList>(body, OrchestratorJson.Options)!;
    }

    /// <summary>Polls GET /v1/runs/{id} until <paramref name="condition"/> holds.</summary>
    public async Task<RunView> WaitForAsync(string runId, Func<RunView, bool> condition, string what, double seconds = 30)
    {
        RunView? last = null;
        return await Wait.ForAsync(async () =>
        {
            last = await GetRunAsync(runId);
            return condition(last) ? last : null;
        }, TimeSpan.FromSeconds(seconds), () => $"run {runId} never {what}; last seen: {Describe(last)}");
    }

    /// <summary>Waits until the run is final and checks that it ended <paramref name="state"/>.</summary>
    public async Task<RunView> WaitForEndAsync(string runId, string state, double seconds = 30)
    {
        var run = await WaitForAsync(runId, r => r.State is "SUCCEEDED" or "FAILED" or "CANCELLED", "finished", seconds);
        run.State.ShouldBe(state, Describe(run));
        return run;
    }

    /// <summary>The run's folder in the bucket folder.</summary>
    public string RunFolder(RunView run) => Path.Combine(Options.BucketRoot, run.ArtifactRoot);

    public static string Describe(RunView? run) => run is null
        ? "(nothing)"
        : $"{run.State} failure={run.Failure ?? "-"}\n  jobs: {string.Join("; ", run.Jobs.Select(j => $"{j.JobId} {j.State} {j.Succeeded}/{j.TaskCount} ok {j.Failed} failed"))}\n  history:\n    {string.Join("\n    ", run.History.Select(h => $"{h.State}: {h.What}"))}";

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        if (_ownsFolder)
            _folder.Dispose();
    }

    private static LocalModeOptions OptionsFor(TempFolder folder, string projectDir, IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment) => new()
    {
        DatabasePath = folder.Combine("state", "orchestrator.db"),
        BucketRoot = folder.Combine("state", "bucket"),
        LogsRoot = folder.Combine("state", "logs"),
        ForecastRepoDir = projectDir,
        StageCommand = command,
        Environment = environment,
    };

    private static async Task<LocalServer> StartAsync(LocalServer server)
    {
        try
        {
            await server.StartAppAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartAppAsync()
    {
        _app = ServeCommand.BuildApp(Options, [], port: 0);
        await _app.StartAsync();
        var address = _app.Urls.Single();
        new Uri(address).Port.ShouldNotBe(0, $"the bound address should carry the real port: {address}");
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }
}
