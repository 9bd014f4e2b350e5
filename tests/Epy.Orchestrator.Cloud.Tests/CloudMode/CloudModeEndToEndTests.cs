using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Testing.Batch;
using Epy.Orchestrator.Cloud.Tests.PubSub;
using Epy.Orchestrator.Local;
using Epy.Testing.Gcs;
using Epy.Testing;

namespace Epy.Orchestrator.Cloud.Tests.CloudMode;

/// <summary>
/// The bundled example run end to end in cloud mode: the service over HTTP on 127.0.0.1, its runs in the
/// Firestore emulator, its jobs on the fake Batch, which runs the real stage program (EXECUTION_MODE=cloud,
/// reading and writing the fake Cloud Storage through STORAGE_EMULATOR_HOST) and publishes its job
/// notifications into the Pub/Sub emulator, which pushes them to the service.
/// </summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class CloudModeEndToEndTests(FirestoreEmulatorFixture firestore, PubSubEmulatorFixture pubsub)
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ExampleRun_DrivenByNotificationsPushedThroughPubSub_Succeeds_WithOneBatchJobPerStage()
    {
        await using var rig = await EndToEndRig.StartAsync(firestore, pubsub, deliverNotifications: true);

        var runId = await rig.StartRunAsync();
        var run = await rig.WaitForFinishAsync(runId, poke: null);

        run.State.ShouldBe("SUCCEEDED", rig.Diagnostics(run));
        run.TaskCount.ShouldBe(2);
        run.Jobs.Select(job => job.JobId).ShouldBe([$"stage-a-{runId}-1", $"stage-b-{runId}-1", $"stage-c-{runId}-1"]);
        run.Jobs.ShouldAllBe(job => job.State == "SUCCEEDED");
        rig.Batch.JobIds.ShouldBe(run.Jobs.Select(job => job.JobId), "one Batch job per stage attempt");
        var outputs = $"{CloudSettings.DirPrefix}{ExampleRepository.ExperimentId}/{runId}/outputs/";
        run.Outputs.ShouldNotBeNull();
        run.Outputs.ShouldContain($"{outputs}fan_chart_US-MA.png");
        run.Outputs.ShouldContain(name => name.StartsWith(outputs, StringComparison.Ordinal) && name.EndsWith(".csv.gz", StringComparison.Ordinal));
        (await rig.RunRecordAsync(runId)).State.ShouldBe("SUCCEEDED");
        using (var dashboard = new HttpClient { BaseAddress = rig.Service.BaseAddress })
        {
            (await dashboard.GetStringAsync("")).ShouldContain($"/runs/{runId}");
            var page = await dashboard.GetStringAsync($"runs/{runId}");
            page.Split("<svg class=\"fan-chart\"").Length.ShouldBe(3, "the dashboard draws both locations' charts from the bucket's fan_charts.json");
            page.ShouldContain("cloud orchestrator");
        }
        rig.Service.Pushes.ShouldNotBeEmpty();
        rig.Service.Pushes.ShouldAllBe(push => push.Status == 204);
    }

    [Fact]
    public async Task ExampleRun_WhoseNotificationsAreLost_IsHealedByReconcile()
    {
        await using var rig = await EndToEndRig.StartAsync(firestore, pubsub, deliverNotifications: false);
        using var reconcile = new HttpClient { BaseAddress = rig.Service.BaseAddress };

        var runId = await rig.StartRunAsync();
        var run = await rig.WaitForFinishAsync(runId, poke: async () =>
        {
            using var response = await reconcile.PostAsync("v1/reconcile", null);
            response.EnsureSuccessStatusCode();
        });

        run.State.ShouldBe("SUCCEEDED", rig.Diagnostics(run));
        rig.Batch.JobIds.ShouldBe(run.Jobs.Select(job => job.JobId), "one Batch job per stage attempt");
        run.Jobs.Count.ShouldBe(3);
        ((RecordingBatchNotifier)rig.Notifier).Received.ShouldNotBeEmpty("Batch did notify");
        rig.Service.Pushes.ShouldBeEmpty();
        (await rig.RunRecordAsync(runId)).State.ShouldBe("SUCCEEDED");
    }

    /// <summary>Everything one end-to-end run needs, started in order and stopped on dispose.</summary>
    private sealed class EndToEndRig : IAsyncDisposable
    {
        private readonly ExampleRepository _repository;
        private readonly HttpClient _http;

        private EndToEndRig(ExampleRepository repository, FakeGcsServer gcs, FakeBatchServer batch, IBatchNotifier notifier, CloudService service)
        {
            _repository = repository;
            Gcs = gcs;
            Batch = batch;
            Notifier = notifier;
            Service = service;
            _http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        public FakeGcsServer Gcs { get; }

        public FakeBatchServer Batch { get; }

        public IBatchNotifier Notifier { get; }

        public CloudService Service { get; }

        public static async Task<EndToEndRig> StartAsync(FirestoreEmulatorFixture firestore, PubSubEmulatorFixture pubsub, bool deliverNotifications)
        {
            var repository = new ExampleRepository();
            var gcs = new FakeGcsServer("epy-runs", anonymous: true);
            var client = await pubsub.ClientAsync();
            var topic = pubsub.NewTopic("batch-jobs");
            IBatchNotifier notifier = deliverNotifications ? new PubSubBatchNotifier(client) : new RecordingBatchNotifier();
            var stage = StageProgramLocator.Find();
            var batch = await FakeBatchServer.StartAsync(new FakeBatchServerOptions
            {
                Project = CloudSettings.Project,
                Regions = [CloudSettings.Region],
                TaskCommand = new FakeTaskCommand(stage[0], [.. stage.Skip(1)]),
                Notifier = notifier,
            });
            var settings = CloudSettings.For(firestore.BaseAddress, firestore.NewProject(), batch.BaseAddress, gcs.BaseUri, gcs.Bucket, topic);
            // What the Batch jobs' containers get: the repository and data folders, and the fake bucket.
            settings["Batch:Environment:FORECAST_REPO_DIR"] = repository.Root;
            settings["Batch:Environment:EPYDEMIX_DATA_DIR"] = TestData.EpydemixDataRoot;
            settings["Batch:Environment:STORAGE_EMULATOR_HOST"] = gcs.BaseUri.GetLeftPart(UriPartial.Authority);
            var service = await CloudService.StartAsync(settings);
            await client.CreateTopicAsync(topic);
            await client.CreatePushSubscriptionAsync(pubsub.NewSubscription("batch-jobs-push"), topic, service.PushEndpoint);
            return new EndToEndRig(repository, gcs, batch, notifier, service);
        }

        public async Task<string> StartRunAsync()
        {
            using var response = await _http.PostAsJsonAsync("v1/runs", new { exp_id = ExampleRepository.ExperimentId });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await ReadAsync(response)).RunId;
        }

        /// <summary>The run once it is final, calling <paramref name="poke"/> between looks; fails after two minutes.</summary>
        public async Task<RunView> WaitForFinishAsync(string runId, Func<Task>? poke)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                using var response = await _http.GetAsync($"v1/runs/{runId}");
                response.EnsureSuccessStatusCode();
                var run = await ReadAsync(response);
                if (run.State is "SUCCEEDED" or "FAILED" or "CANCELLED")
                    return run;
                if (waited.Elapsed > RunLimit)
                    throw new TimeoutException($"run {runId} is {run.State} after {RunLimit}\n{Diagnostics(run)}");
                if (poke is not null)
                    await poke();
                await Task.Delay(250);
            }
        }

        /// <summary>run_record.json from the bucket, once written (it is written just after the run finished).</summary>
        public async Task<RunView> RunRecordAsync(string runId)
        {
            var path = $"{CloudSettings.DirPrefix}{ExampleRepository.ExperimentId}/{runId}/run_record.json";
            for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(15); await Task.Delay(100))
            {
                if (Gcs.ObjectBytes(path) is { } bytes)
                    return JsonSerializer.Deserialize<RunView>(bytes, OrchestratorJson.Options)!;
            }
            throw new TimeoutException($"gs://{Gcs.Bucket}/{path} was not written");
        }

        /// <summary>The run, the jobs the fake holds and the end of each task's log, for a failure message.</summary>
        public string Diagnostics(RunView run)
        {
            var logs = Directory.Exists(Batch.LogsDirectory)
                ? Directory.EnumerateFiles(Batch.LogsDirectory, "*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                    .Select(file => $"--- {Path.GetRelativePath(Batch.LogsDirectory, file)}\n{string.Join('\n', File.ReadLines(file).TakeLast(15))}")
                : [];
            return $"run: {JsonSerializer.Serialize(run, OrchestratorJson.Options)}\nfake Batch jobs: {string.Join(", ", Batch.JobIds.Select(id => $"{id}={Batch.JobState(id)}"))}\n"
                + $"pushes: {Service.Pushes.Count}\n{string.Join('\n', logs)}";
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await Service.DisposeAsync();
            await Batch.DisposeAsync();
            Gcs.Dispose();
            _repository.Dispose();
        }

        private static async Task<RunView> ReadAsync(HttpResponseMessage response) =>
            (await response.Content.ReadFromJsonAsync<RunView>(OrchestratorJson.Options))!;
    }
}
