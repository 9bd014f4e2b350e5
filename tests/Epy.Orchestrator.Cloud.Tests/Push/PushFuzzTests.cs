using System.Net;
using System.Text;
using CsCheck;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Cloud.Tests.CloudMode;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Testing.Builders;
using Epy.Orchestrator.Ports;
using Epy.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>
/// <c>POST /v1/events/batch</c> of the cloud-mode service (on the Firestore emulator) on malformed pushes:
/// mutated and truncated envelopes, attributes of the wrong type, unknown attributes, huge bodies, foreign
/// and invalid job names. By design a push that is not one of our notifications is acknowledged (204) and
/// logged, so Pub/Sub does not redeliver it forever; never a 5xx, the service stays up, no commit is tried
/// and the run it holds is unchanged.
/// </summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class PushFuzzTests(FirestoreEmulatorFixture firestore)
{
    private static readonly long Iterations = Fuzz.Iterations(250);
    private static readonly string JobPrefix = $"projects/{CloudSettings.Project}/locations/{CloudSettings.Region}/jobs/";

    // Shaped like Batch's notifications, but none may change the run: an invalid state of its job,
    // a valid one of a run that does not exist, another type, and unknown attributes.
    private static readonly string[] Envelopes =
    [
        Envelope("1001", "JOB_STATE_CHANGED", JobPrefix + RunBuilder.Builder(1), "EXPLODED"),
        Envelope("1002", "JOB_STATE_CHANGED", JobPrefix + new JobId(Stage.Builder, RunBuilder.OtherRun, 1), "RUNNING"),
        Envelope("1003", "TASK_STATE_CHANGED", JobPrefix + RunBuilder.Builder(1), "SUCCEEDED"),
        """{"message": {"data": "Sm9iIHN0YXRl", "attributes": {"Type": "JOB_STATE_CHANGED", "JobName": "stage-a-20261124-101500-a1b2c3d4-1", "NewJobState": "STATE_UNSPECIFIED", "Unknown": "x", "Region": 5}, "messageId": "1004", "publishTime": "2026-11-24T10:15:00Z"}, "subscription": "projects/p/subscriptions/s", "deliveryAttempt": 1}""",
        """{"message": {"attributes": {"Type": "JOB_STATE_CHANGED", "JobName": "true", "NewJobState": "SUCCEEDED"}, "messageId": "\ud800"}}""",
    ];

    [Fact]
    public async Task MalformedPushes_AreAcknowledgedOrRefused_NeverCommitted()
    {
        await using var rig = await Rig.StartAsync(firestore);
        using var http = new HttpClient();

        await Fuzz.Mutants(Envelopes).CheckAsync(async body =>
        {
            using var response = await http.PostAsync(rig.Service.PushEndpoint, new StringContent(body, Encoding.UTF8, "application/json"));
            ((int)response.StatusCode).ShouldBeOneOf([204, 400, 413], $"push: {body}\nanswer: {await response.Content.ReadAsStringAsync()}");
        }, iterations: Iterations);

        await rig.ShouldBeUnchangedAsync(http);
    }

    [Theory]
    [InlineData(PushEndpoints.MaxBodyBytes + 1_000)]
    [InlineData(3_000_000)]
    public async Task HugePush_IsNotCommitted_AndTheServiceStaysUp(long size)
    {
        await using var rig = await Rig.StartAsync(firestore);
        // Waits for the server's answer before sending the body even on a busy machine (the default is 1 s).
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) });
        // A notification the run would take (its builder RUNNING), made huge by an attribute nobody reads.
        var huge = Envelope("2001", "JOB_STATE_CHANGED", JobPrefix + RunBuilder.Builder(1), "RUNNING").Replace("\"Region\"", $"\"Padding\": \"{new string('x', (int)size)}\", \"Region\"", StringComparison.Ordinal);
        ((long)huge.Length).ShouldBeGreaterThan(size);
        using var request = new HttpRequestMessage(HttpMethod.Post, rig.Service.PushEndpoint) { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        // Acknowledged (Pub/Sub must not redeliver a message that can never be read) or refused as too large.
        ((int)response.StatusCode).ShouldBeOneOf([204, 413]);
        await rig.ShouldBeUnchangedAsync(http);
    }

    [Fact]
    public async Task ForgedOrExpiredTokens_AtThePushEndpoint_Are401Problems()
    {
        using var tokens = new TestTokens();
        using var forger = new TestTokens();
        const string audience = "https://epy-orchestrator-abc-uc.a.run.app";
        const string pusher = "pubsub-push@test-project.iam.gserviceaccount.com";
        var settings = CloudSettings.For(CloudSettings.Nowhere, "runs", CloudSettings.Nowhere, CloudSettings.Nowhere, "epy-runs", "projects/test-project/topics/batch-jobs");
        settings["Push:VerifyTokens"] = "true";
        settings["Push:Audience"] = audience;
        settings["Push:AllowedEmails:0"] = pusher;
        await using var service = await CloudService.StartAsync(settings, services =>
            services.AddSingleton(sp => new OidcTokenVerifier(tokens.KeySetClient(), sp.GetRequiredService<PushOptions>(), TimeProvider.System)));
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        string Claims(long exp) => $$"""{"iss":"https://accounts.google.com","aud":"{{audience}}","email":"{{pusher}}","email_verified":true,"iat":{{now}},"exp":{{exp}}}""";
        var valid = tokens.SignRaw(Claims(now + 3600));
        var surrogateHeader = TestTokens.B64(Encoding.UTF8.GetBytes("{\"alg\":\"\\ud800\",\"kid\":\"x\"}")) + "." + valid.Split('.', 2)[1];
        string[] forged = [forger.SignRaw(Claims(now + 3600)), tokens.SignRaw(Claims(now - 3600)), surrogateHeader, valid[..^4], valid + "x", "a.b.c", new string('a', 20_000)];
        using var http = new HttpClient();

        foreach (var token in forged)
        {
            using var push = new HttpRequestMessage(HttpMethod.Post, service.PushEndpoint) { Content = new StringContent(Envelopes[1], Encoding.UTF8, "application/json") };
            push.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await http.SendAsync(push);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, token.Length > 100 ? token[..100] : token);
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        }
        using var health = await http.GetAsync(new Uri(service.BaseAddress, "healthz"));
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Envelope(string messageId, string type, string jobName, string state) =>
        $$"""{"message": {"data": "Sm9iIHN0YXRlIHdhcyB1cGRhdGVkLg==", "attributes": {"Type": "{{type}}", "JobName": "{{jobName}}", "JobUID": "stage-a-20261124-1015-0123-4567-89ab", "NewJobState": "{{state}}", "Region": "us-central1"}, "messageId": "{{messageId}}", "publishTime": "2026-11-24T10:15:00.123Z"}, "subscription": "projects/test-project/subscriptions/batch-jobs-push"}""";

    /// <summary>The service on a fresh emulator project, its commits counted, holding one run whose builder is submitted.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private Rig(CloudService service, StoredRun seeded)
        {
            Service = service;
            Seeded = seeded;
        }

        public CloudService Service { get; }

        public StoredRun Seeded { get; }

        public static async Task<Rig> StartAsync(FirestoreEmulatorFixture firestore)
        {
            var settings = CloudSettings.For(firestore.BaseAddress, firestore.NewProject(), CloudSettings.Nowhere, CloudSettings.Nowhere, "epy-runs", "projects/test-project/topics/batch-jobs");
            var service = await CloudService.StartAsync(settings, services =>
            {
                services.AddSingleton(sp => new FailingCommits(sp.GetRequiredService<FirestoreRunStore>()));
                services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<FailingCommits>());
            });
            var seed = new RunBuilder().Requested();
            var (created, _) = await service.Services.GetRequiredService<FirestoreRunStore>().CreateAsync(new StoredRun(seed.State, seed.Policy, 0, []), null, default);
            return new Rig(service, created);
        }

        public async Task ShouldBeUnchangedAsync(HttpClient http)
        {
            using (var health = await http.GetAsync(new Uri(Service.BaseAddress, "healthz")))
                health.StatusCode.ShouldBe(HttpStatusCode.OK);
            Service.Services.GetRequiredService<FailingCommits>().Attempts.ShouldBe(0);
            var store = Service.Services.GetRequiredService<FirestoreRunStore>();
            var run = (await store.GetAsync(RunBuilder.Run, default))!;
            run.Version.ShouldBe(Seeded.Version);
            run.State.ShouldBe(Seeded.State);
            (await store.GetAsync(RunBuilder.OtherRun, default)).ShouldBeNull();
        }

        public ValueTask DisposeAsync() => Service.DisposeAsync();
    }
}
