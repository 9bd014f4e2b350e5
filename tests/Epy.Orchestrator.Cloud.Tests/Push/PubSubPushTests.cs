using Epy.Testing.Orchestrator.Stores;
using System.Net;
using System.Text;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Tests.CloudMode;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Orchestrator.Cloud.Tests.PubSub;
using Epy.Testing.Builders;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>
/// Google's Pub/Sub emulator pushes Batch-shaped notifications into the service running in cloud mode on
/// 127.0.0.1 (runs on the Firestore emulator; token checks off, since the emulator sends none).
/// The emulator retries an unacknowledged push after about 1, 2, 3, 3 s, and dead-letters it after
/// maxDeliveryAttempts pushes (it implements deadLetterPolicy; its retryPolicy backoff is its own).
/// </summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class PubSubPushTests(FirestoreEmulatorFixture firestore, PubSubEmulatorFixture pubsub)
{
    // Longer than the emulator's first redelivery (about 1 s after a refused push): a push still
    // unacknowledged would have come again by then.
    private static readonly TimeSpan RedeliveryWindow = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly JobId BuilderJob = RunBuilder.Builder(1);

    [Fact]
    public async Task Notification_PushedByTheEmulator_IsCommitted_AndAcknowledgedOnce()
    {
        await using var rig = await PushRig.StartAsync(firestore, pubsub);

        var messageId = await rig.PublishAsync(Attributes(BuilderJob, "RUNNING"));

        var pushes = await rig.Service.WaitForPushesAsync(messageId, 1, Patience);
        pushes.ShouldAllBe(push => push.Status == StatusCodes.NoContent);
        var run = await rig.RunAsync();
        run.Version.ShouldBe(rig.SeedVersion + 1);
        run.State.FindJob(BuilderJob)!.State.ShouldBe(JobState.Running);
        (await rig.Store.WasProcessedAsync(RunBuilder.Run, $"pubsub:{messageId}")).ShouldBeTrue();
        await Task.Delay(RedeliveryWindow);
        rig.Service.Pushes.Count(p => p.MessageId == messageId).ShouldBe(1);
    }

    [Fact]
    public async Task Push_AnsweredWith503_IsRedelivered_AndCommittedOnce()
    {
        await using var rig = await PushRig.StartAsync(firestore, pubsub);
        rig.Commits.FailNext(1);

        var messageId = await rig.PublishAsync(Attributes(BuilderJob, "RUNNING"));

        var pushes = await rig.Service.WaitForPushesAsync(messageId, 2, Patience);
        pushes.Select(p => p.Status).ShouldBe([StatusCodes.ServiceUnavailable, StatusCodes.NoContent]);
        await Task.Delay(RedeliveryWindow);
        rig.Service.Pushes.Count(p => p.MessageId == messageId).ShouldBe(2);
        rig.Commits.Attempts.ShouldBe(2);
        var run = await rig.RunAsync();
        run.Version.ShouldBe(rig.SeedVersion + 1);
        run.State.History.Count(entry => entry.What.Contains($"job {BuilderJob} RUNNING", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task MalformedAndForeignMessages_AreAcknowledged_AndNotRedelivered()
    {
        await using var rig = await PushRig.StartAsync(firestore, pubsub);
        Dictionary<string, string> foreignJob = new(Attributes(BuilderJob, "RUNNING")) { ["JobName"] = $"projects/{CloudSettings.Project}/locations/{CloudSettings.Region}/jobs/nightly-etl-7" };
        Dictionary<string, string> unknownState = new(Attributes(BuilderJob, "RUNNING")) { ["NewJobState"] = "EXPLODED" };
        Dictionary<string, string> otherType = new(Attributes(BuilderJob, "RUNNING")) { ["Type"] = "TASK_STATE_CHANGED" };
        Dictionary<string, string> unknownRun = Attributes(new JobId(Stage.Builder, RunId.Parse("20261124-101500-0000beef"), 1), "RUNNING");

        string[] messageIds =
        [
            await rig.PublishAsync(new Dictionary<string, string> { ["note"] = "no attributes of Batch" }, "\u0001 not a notification"),
            await rig.PublishAsync(foreignJob),
            await rig.PublishAsync(unknownState),
            await rig.PublishAsync(otherType),
            await rig.PublishAsync(unknownRun),
        ];
        using var http = new HttpClient();
        using var broken = await http.PostAsync(rig.Service.PushEndpoint, new StringContent("{\"message\": [", Encoding.UTF8, "application/json"));

        broken.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        foreach (var messageId in messageIds)
            (await rig.Service.WaitForPushesAsync(messageId, 1, Patience)).Single().Status.ShouldBe(StatusCodes.NoContent);
        await Task.Delay(RedeliveryWindow);
        foreach (var messageId in messageIds)
            rig.Service.Pushes.Count(p => p.MessageId == messageId).ShouldBe(1, $"message {messageId} was pushed again");
        (await rig.RunAsync()).Version.ShouldBe(rig.SeedVersion);
        rig.Commits.Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task Message_ThatKeepsFailing_LandsInTheDeadLetterTopic_AfterMaxDeliveryAttempts()
    {
        await using var rig = await PushRig.StartAsync(firestore, pubsub, maxDeliveryAttempts: 5);
        rig.Commits.FailNext(int.MaxValue);

        var messageId = await rig.PublishAsync(Attributes(BuilderJob, "RUNNING"));

        var dead = await rig.WaitForDeadLetterAsync(TimeSpan.FromSeconds(40));
        dead.Attributes["JobName"].ShouldEndWith($"/jobs/{BuilderJob}");
        dead.Attributes["NewJobState"].ShouldBe("RUNNING");
        dead.Attributes["CloudPubSubDeadLetterSourceDeliveryCount"].ShouldBe("5");
        var pushes = rig.Service.Pushes.Where(p => p.MessageId == messageId).ToList();
        pushes.Count.ShouldBe(5);
        pushes.ShouldAllBe(push => push.Status == StatusCodes.ServiceUnavailable);
        await Task.Delay(RedeliveryWindow);
        rig.Service.Pushes.Count(p => p.MessageId == messageId).ShouldBe(5);
        (await rig.RunAsync()).Version.ShouldBe(rig.SeedVersion);
    }

    private static Dictionary<string, string> Attributes(JobId job, string state) => new(StringComparer.Ordinal)
    {
        ["Type"] = "JOB_STATE_CHANGED",
        ["JobName"] = $"projects/{CloudSettings.Project}/locations/{CloudSettings.Region}/jobs/{job}",
        ["JobUID"] = $"{job.Value[..20]}-0123-4567-89ab",
        ["NewJobState"] = state,
        ["Region"] = CloudSettings.Region,
    };

    private static class StatusCodes
    {
        public const int NoContent = 204;
        public const int ServiceUnavailable = 503;
    }

    /// <summary>
    /// The service (its commits passing through <see cref="FailingCommits"/>), a topic with a push
    /// subscription to it, a dead-letter topic with a pull subscription, and one run whose builder job
    /// is submitted. Batch and Cloud Storage are never called: a RUNNING notification decides no command.
    /// </summary>
    private sealed class PushRig : IAsyncDisposable
    {
        private PushRig(CloudService service, PubSubEmulatorClient client, string topic, string deadLetters, long seedVersion)
        {
            Service = service;
            Client = client;
            Topic = topic;
            DeadLetters = deadLetters;
            SeedVersion = seedVersion;
        }

        public CloudService Service { get; }

        public PubSubEmulatorClient Client { get; }

        public string Topic { get; }

        public string DeadLetters { get; }

        public long SeedVersion { get; }

        public FailingCommits Commits => Service.Services.GetRequiredService<FailingCommits>();

        public FirestoreRunStore Store => Service.Services.GetRequiredService<FirestoreRunStore>();

        public static async Task<PushRig> StartAsync(FirestoreEmulatorFixture firestore, PubSubEmulatorFixture pubsub, int maxDeliveryAttempts = 5)
        {
            var client = await pubsub.ClientAsync();
            var topic = pubsub.NewTopic("batch-jobs");
            var deadTopic = pubsub.NewTopic("batch-jobs-dead");
            var deadLetters = pubsub.NewSubscription("batch-jobs-dead");
            var settings = CloudSettings.For(firestore.BaseAddress, firestore.NewProject(), CloudSettings.Nowhere, CloudSettings.Nowhere, "epy-runs", topic);
            var service = await CloudService.StartAsync(settings, services =>
            {
                services.AddSingleton(sp => new FailingCommits(sp.GetRequiredService<FirestoreRunStore>()));
                services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<FailingCommits>());
            });
            var seed = new RunBuilder().Requested();
            var (created, _) = await service.Services.GetRequiredService<FirestoreRunStore>().CreateAsync(new StoredRun(seed.State, seed.Policy, 0, []), null, default);
            await client.CreateTopicAsync(topic);
            await client.CreateTopicAsync(deadTopic);
            await client.CreatePullSubscriptionAsync(deadLetters, deadTopic);
            await client.CreatePushSubscriptionAsync(pubsub.NewSubscription("batch-jobs-push"), topic, service.PushEndpoint, deadTopic, maxDeliveryAttempts);
            return new PushRig(service, client, topic, deadLetters, created.Version);
        }

        public Task<string> PublishAsync(IReadOnlyDictionary<string, string> attributes, string data = "Job state was updated.") =>
            Client.PublishAsync(Topic, attributes, data);

        public async Task<StoredRun> RunAsync() => (await Store.GetAsync(RunBuilder.Run, default))!;

        public async Task<PulledMessage> WaitForDeadLetterAsync(TimeSpan timeout)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < timeout)
            {
                if (await Client.PullAsync(DeadLetters) is [var message, ..])
                    return message;
                await Task.Delay(250);
            }
            throw new TimeoutException($"nothing in the dead-letter topic after {timeout}; pushes: {string.Join(", ", Service.Pushes.Select(p => $"{p.MessageId}:{p.Status}"))}");
        }

        public ValueTask DisposeAsync() => Service.DisposeAsync();
    }
}
