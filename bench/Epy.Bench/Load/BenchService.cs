using System.Diagnostics;
using System.Net;
using System.Text;
using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Testing.Emulators;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Epy.Bench.Load;

/// <summary>
/// The orchestrator service in cloud mode, composed as Program.cs composes it, on 127.0.0.1 with its runs in
/// the Firestore emulator; Batch and Cloud Storage are the in-process <see cref="BenchJobRunner"/> and
/// <see cref="BenchArtifacts"/>. Driven over HTTP: <c>POST /v1/runs</c> and Pub/Sub-shaped pushes to
/// <c>POST /v1/events/batch</c>.
/// </summary>
internal sealed class BenchService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _messages;

    private BenchService(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public BenchJobRunner Jobs => _app.Services.GetRequiredService<BenchJobRunner>();

    public BenchArtifacts Artifacts => _app.Services.GetRequiredService<BenchArtifacts>();

    public CountingRunStore Store => _app.Services.GetRequiredService<CountingRunStore>();

    public static async Task<BenchService> StartAsync(EmulatorProcess firestore)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["EPY_MODE"] = "cloud",
            ["FIRESTORE_EMULATOR_HOST"] = $"127.0.0.1:{firestore.Port}",
            ["Firestore:ProjectId"] = "bench",
            ["STORAGE_EMULATOR_HOST"] = "http://127.0.0.1:9",
            ["Batch:BaseAddress"] = "http://127.0.0.1:9/",
            ["Batch:Project"] = "bench",
            ["Batch:Region"] = "us-central1",
            ["Batch:Bucket"] = "epy-runs",
            ["Batch:DirPrefix"] = "",
            ["Batch:StageImage"] = "us-central1-docker.pkg.dev/bench/epy/epy-stages",
            ["Batch:NotificationTopic"] = "projects/bench/topics/batch-jobs",
            ["Push:VerifyTokens"] = "false",
            // The bench calls the API without identity tokens, as the local mode does.
            ["Api:VerifyTokens"] = "false",
            // The service logs every event at Information: the bench prints figures only.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.AddOrchestrator(new OrchestratorMode.Cloud());
        builder.Services.AddSingleton<BenchJobRunner>();
        builder.Services.AddSingleton<IJobRunner>(sp => sp.GetRequiredService<BenchJobRunner>());
        builder.Services.AddSingleton<BenchArtifacts>();
        builder.Services.AddSingleton<IRunArtifacts>(sp => sp.GetRequiredService<BenchArtifacts>());
        builder.Services.AddSingleton(sp => new CountingRunStore(sp.GetRequiredService<FirestoreRunStore>()));
        builder.Services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<CountingRunStore>());
        var app = builder.Build();
        app.MapOrchestrator();
        await app.StartAsync().ConfigureAwait(false);
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(2) };
        return new BenchService(app, http);
    }

    /// <summary>Starts run <paramref name="run"/> through the API (its builder job is submitted before the answer).</summary>
    public async Task StartRunAsync(RunId run, int tasks, int autoResumes = 1)
    {
        Artifacts.SetTaskCount(run, tasks);
        var body = $$"""{"exp_id": "bench/flu", "run_id": "{{run}}", "auto_resumes": {{autoResumes}}, "max_parallelism": 5000}""";
        using var response = await Http.PostAsync(new Uri("v1/runs", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST /v1/runs answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
    }

    /// <summary>Resumes a failed run through the API.</summary>
    public async Task ResumeAsync(RunId run)
    {
        using var response = await Http.PostAsync(new Uri($"v1/runs/{run}:resume", UriKind.Relative), null).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"resume answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
    }

    /// <summary>Pushes Batch's notification that <paramref name="job"/> is now <paramref name="state"/>; returns when it was sent (a Stopwatch timestamp).</summary>
    public async Task<long> PushAsync(JobId job, JobState state)
    {
        var id = Interlocked.Increment(ref _messages);
        Jobs.Report(job, state);
        var body = $$"""{"message": {"data": "Sm9iIHN0YXRlIHdhcyB1cGRhdGVkLg==", "attributes": {"Type": "JOB_STATE_CHANGED", "JobName": "projects/bench/locations/us-central1/jobs/{{job}}", "JobUID": "{{job.Value[..20]}}-{{id:x8}}", "NewJobState": "{{state.ToBatchName()}}", "Region": "us-central1"}, "messageId": "{{id}}", "publishTime": "2026-11-24T10:15:00.123Z"}, "subscription": "projects/bench/subscriptions/batch-jobs-push"}""";
        var sent = Stopwatch.GetTimestamp();
        using var response = await Http.PostAsync(new Uri("v1/events/batch", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json")).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"push answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        return sent;
    }

    /// <summary>The stored size of <paramref name="run"/>'s document, as Firestore counts it.</summary>
    public async Task<long> DocumentSizeAsync(RunId run)
    {
        var stored = await Store.GetAsync(run, default).ConfigureAwait(false) ?? throw new InvalidOperationException($"no run {run}");
        return FirestoreDocumentSize.Of(RunDocument.RunPath(run), RunDocument.Encode(stored));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
