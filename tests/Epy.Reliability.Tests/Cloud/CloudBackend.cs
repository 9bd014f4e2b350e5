using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Epy.Google.Resilience;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud;
using Epy.Google.Auth;
using Epy.Orchestrator.Cloud.Batch;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Storage;
using Epy.Testing.Emulators;
using Epy.Testing.Batch;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Faults;
using Epy.Reliability.Tests.Harness;
using Epy.Testing.Gcs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Reliability.Tests.Cloud;

/// <summary>
/// Cloud mode: runs in the real Firestore emulator (one project per world), jobs on the faithful fake of
/// Cloud Batch's REST API, files in the fake Cloud Storage, through the real adapters (FirestoreRunStore,
/// BatchJobRunner, GcsRunArtifacts) whose every HTTP call passes an <see cref="HttpFaultInjector"/>. Batch's
/// notifications are read by the real push parser and travel the faulty bus.
/// </summary>
public sealed class CloudBackend : WorldBackend, IBatchNotifier
{
    private const string Bucket = "epy-reliability";
    private const string Region = "us-central1";

    private readonly FirestoreEmulatorFixture _emulator;
    private readonly string _project;
    private readonly FakeGcsServer _gcs = new(Bucket, anonymous: true);
    private readonly HttpClient _stageHttp = new();
    private readonly StageEffects _stages;
    private readonly ConcurrentDictionary<string, Push> _pushes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _deleted = new(StringComparer.Ordinal);
    private FakeBatchServer _batch = null!;
    private FirestoreRunStore _observer = null!;
    private int _messages;

    /// <summary>A notification as the push endpoint read it, and whether it was forged.</summary>
    private sealed record Push(Epy.Orchestrator.Cloud.Push.BatchNotification Notification, bool Forged);

    public CloudBackend(FirestoreEmulatorFixture emulator, WorldContext context)
    {
        _emulator = emulator;
        _project = emulator.NewProject();
        Context = context;
        _stages = new StageEffects(context, DirPrefix, Upload);
    }

    public override string Name => "cloud: Firestore emulator, fake Batch, fake Cloud Storage";

    public override IRunStore Observer => _observer;

    public override async Task StartAsync()
    {
        _observer = new FirestoreRunStore(_emulator.Client(_project), Context.Time);
        _batch = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
        {
            Notifier = this,
            StepDelay = TimeSpan.FromMilliseconds(10),
            VmFailure = (job, task, retry) => _stages.RunTask(JobId.TryParse(job, out var id) ? id : throw new InvalidOperationException(job), task, retry),
            NeverSchedules = job => JobId.TryParse(job, out var id) && Context.Scenarios[id.Run].WaitsQueued(id),
            TaskGate = (job, _, cancel) => JobId.TryParse(job, out var id)
                ? Context.Control.HoldAsync(id, () => Delete(job), () => ForgeAsync(id), cancel)
                : Task.CompletedTask,
        });
    }

    public override (IRunStore Store, IJobRunner Jobs, IRunArtifacts Artifacts) NewProcess()
    {
        var firestore = _emulator.Client(_project, Faulty(), TimeProvider.System, options => options.RequestTimeout = TimeSpan.FromSeconds(10));
        var batchOptions = new BatchOptions
        {
            BaseAddress = _batch.BaseAddress,
            Project = "test-project",
            Region = Region,
            Bucket = Bucket,
            DirPrefix = DirPrefix,
            StageImage = $"{Region}-docker.pkg.dev/test-project/epy/epy-stages",
            NotificationTopic = "projects/test-project/topics/batch-events",
            AttemptTimeout = TimeSpan.FromSeconds(1),
            RetryBaseDelay = TimeSpan.FromMilliseconds(40),
        };
        var scenario = new ScenarioBatchHandler(Context, job => _batch.WaitForFinalAsync(job)) { InnerHandler = new SocketsHttpHandler() };
        var jobs = new BatchJobRunner(new HttpClient(Faulty(scenario)), new NoAccessToken(), batchOptions, TimeProvider.System, NullLogger<BatchJobRunner>.Instance);
        var storage = new CloudResilienceOptions("Cloud Storage") { BaseDelay = TimeSpan.FromMilliseconds(40), MaxDelay = TimeSpan.FromSeconds(1), AttemptTimeout = TimeSpan.FromSeconds(1) };
        _ = storage;
        var client = Epy.Google.Storage.StorageClients.Create(_gcs.BaseUri, httpClientFactory: new FaultyHttpClientFactory(() => Faulty(new SocketsHttpHandler())));
        var artifacts = new GcsRunArtifacts(new Epy.Google.Storage.StorageBucket(client, Bucket,
            new Epy.Google.Storage.StorageSettings { RetryBaseDelay = TimeSpan.FromMilliseconds(40), AttemptTimeout = TimeSpan.FromSeconds(1) }));
        return (new FirestoreRunStore(firestore, Context.Time), jobs, artifacts);
    }

    private HttpFaultInjector Faulty(HttpMessageHandler? inner = null)
    {
        var handler = new HttpFaultInjector(Context.Random, Context.Rates, Context.Ledger);
        if (inner is not null)
            handler.InnerHandler = inner;
        return handler;
    }

    /// <summary>Batch published a notification: read it as the push endpoint does and put it on the bus.</summary>
    public Task NotifyAsync(BatchNotification notification, CancellationToken cancellationToken)
    {
        if (Read(notification.Attributes, notification.Data) is { } read)
        {
            _pushes[$"pubsub:{read.MessageId}"] = new Push(read, Forged: false);
            Context.Bus.Publish(read.Job.Run, read.Job, read.State, new Epy.Orchestrator.Core.Events.JobStateChanged($"pubsub:{read.MessageId}", read.Job, read.State));
        }
        return Task.CompletedTask;
    }

    private Epy.Orchestrator.Cloud.Push.BatchNotification? Read(IReadOnlyDictionary<string, string> attributes, string data)
    {
        var id = $"msg-{Interlocked.Increment(ref _messages)}";
        var envelope = new Epy.Orchestrator.Cloud.Push.PushEnvelope(
            new Epy.Orchestrator.Cloud.Push.PushMessage(Convert.ToBase64String(Encoding.UTF8.GetBytes(data)), attributes, id, null),
            "projects/test-project/subscriptions/batch-events-push", null);
        return Epy.Orchestrator.Cloud.Push.BatchNotification.TryRead(envelope, out _);
    }

    /// <summary>
    /// Someone allowed to publish to the topic pushes SUCCEEDED for a job that still runs: once with the job's real
    /// JobUID, once with another one. Each is delivered until acknowledged; neither may move the run.
    /// </summary>
    private async Task ForgeAsync(JobId job)
    {
        var uid = _batch.Job(job.Value)["uid"]!.GetValue<string>();
        foreach (var forgedUid in new[] { uid, $"{job.Value[..Math.Min(job.Value.Length, 20)]}-forged" })
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Type"] = "JOB_STATE_CHANGED",
                ["JobName"] = $"projects/test-project/locations/{Region}/jobs/{job}",
                ["JobUID"] = forgedUid,
                ["NewJobState"] = "SUCCEEDED",
                ["Region"] = Region,
            };
            if (Read(attributes, "Job state was updated from RUNNING to SUCCEEDED.") is not { } read)
                throw new InvalidOperationException("the push endpoint's parser refused a well-formed forged notification");
            _pushes[$"pubsub:{read.MessageId}"] = new Push(read, Forged: true);
            Context.Ledger.Inject(FaultKind.NotificationForged, job.Run);
            await Context.Deliver(job.Run, new Epy.Orchestrator.Core.Events.JobStateChanged($"pubsub:{read.MessageId}", job, read.State));
        }
    }

    /// <summary>As the push endpoint: a final state is handled only as Batch's <c>jobs.get</c> confirms it.</summary>
    public override async Task<Epy.Orchestrator.Core.Events.RunEvent?> ConfirmAsync(Epy.Orchestrator.Core.Events.RunEvent delivered, IJobRunner jobs, CancellationToken cancellationToken)
    {
        if (!_pushes.TryGetValue(delivered.EventId, out var push))
            return delivered;
        var real = push.Notification.State.IsFinal() ? await jobs.GetAsync(push.Notification.Job, cancellationToken) : null;
        return Epy.Orchestrator.Cloud.Push.NotificationCheck.Confirmed(push.Notification, real, out _);
    }

    public override bool IsForged(string eventId) => _pushes.TryGetValue(eventId, out var push) && push.Forged;

    /// <summary>Someone else's <c>jobs.delete</c>.</summary>
    private void Delete(string job)
    {
        if (_batch.Delete(job))
            _deleted.TryAdd(job, 0);
    }

    public override IReadOnlyList<string> JobsOf(RunId run) =>
        [.. _batch.JobIds.Concat(_deleted.Keys).Where(id => JobId.TryParse(id, out var job) && job.Run == run)];

    public override int CreateRequests(string jobId) =>
        _batch.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.Contains($"jobs?jobId={jobId}&", StringComparison.Ordinal));

    public override string? RealState(string jobId) => _batch.JobState(jobId);

    public override int Writes(string path) => _stages.Writes(path);

    public override string? Read(string path) => _gcs.ObjectBytes(path) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>A stage task's upload (multipart, as the stage program's store does), from inside the fake's task.</summary>
    private void Upload(string path, byte[] data)
    {
        var uri = new Uri(_gcs.BaseUri, $"upload/storage/v1/b/{Bucket}/o?uploadType=multipart&name={Uri.EscapeDataString(path)}");
        // The stage program retries a reset connection (CloudResilience); so does this stand-in: a pooled
        // connection the server closed while idle is reset on its next use. A sent request disposes its
        // content, so each attempt builds its own.
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = UploadContent(path, data) };
            try
            {
                using var response = _stageHttp.Send(request);
                response.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                Thread.Sleep(20 * attempt);
            }
        }
    }

    private static MultipartContent UploadContent(string path, byte[] data)
    {
        var content = new MultipartContent("related");
        content.Add(new StringContent($"{{\"name\": \"{path}\", \"contentType\": \"application/octet-stream\"}}", Encoding.UTF8, "application/json"));
        var media = new ByteArrayContent(data);
        media.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(media);
        return content;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_batch is not null)
            await _batch.DisposeAsync();
        _gcs.Dispose();
        _stageHttp.Dispose();
    }
}
