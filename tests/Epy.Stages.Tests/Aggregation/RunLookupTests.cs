using System.Text;
using Epy.Contracts.Runs;
using Epy.Google.Storage;
using Epy.Stages.Aggregation;
using Epy.Stages.Storage;
using Epy.Stages.Tests.Storage;

namespace Epy.Stages.Tests.Aggregation;

public sealed class RunLookupTests : IDisposable
{
    private static readonly ExperimentId Exp = ExperimentId.Parse("flu-h1");
    private readonly string _root = Directory.CreateTempSubdirectory("epy-lookup-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task PutAsync(IArtifactStore store, string path, string text)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await store.WriteAsync(path, content, WriteMode.Overwrite);
    }

    private static string Record(string state) => $$"""{"run_id":"x","state":"{{state}}","jobs":[]}""";

    [Theory]
    [InlineData("SUCCEEDED", false, true)]
    [InlineData("SUCCEEDED", true, true)]
    [InlineData("FAILED", true, false)]
    [InlineData("CANCELLED", false, false)]
    [InlineData("RUNNING_TASKS", true, false)]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    public void Judge_TrustsTheRunRecord_ThenTheOutputStagesMetadata(string? state, bool metadata, bool succeeded)
    {
        var record = state is null ? null : Encoding.UTF8.GetBytes(Record(state));

        RunVerdict.Judge(record, metadata).Succeeded.ShouldBe(succeeded);
    }

    [Fact]
    public void Judge_AnUnreadableRecord_IsNoSuccess()
    {
        var verdict = RunVerdict.Judge("not json"u8.ToArray(), hasRunMetadata: true);

        verdict.Succeeded.ShouldBeFalse();
        verdict.Why.ShouldBe("its run_record.json is unreadable");
    }

    [Fact]
    public async Task Latest_Locally_IsTheNewestSuccessfulRun()
    {
        var store = new LocalArtifactStore(_root);
        await PutAsync(store, "flu-h1/20261101-080000-00000001/run_record.json", Record("SUCCEEDED"));
        await PutAsync(store, "flu-h1/20261102-080000-00000002/run_metadata.json", "{}");
        await PutAsync(store, "flu-h1/20261103-080000-00000003/run_record.json", Record("FAILED"));
        await PutAsync(store, "flu-h1/20261103-080000-00000003/run_metadata.json", "{}");
        await PutAsync(store, "flu-h1/20261104-080000-00000004/builder-artifacts/manifest.json", "{}");
        await PutAsync(store, "flu-h1/notes/readme.txt", "not a run");
        await PutAsync(store, "flu-h10/20261201-080000-00000009/run_record.json", Record("SUCCEEDED"));

        var (run, count) = await RunLookup.LatestSuccessfulAsync(store, string.Empty, Exp);

        run.ShouldBe(RunId.Parse("20261102-080000-00000002"));
        count.ShouldBe(4);
    }

    [Fact]
    public async Task Latest_WithoutRuns_IsNone()
    {
        var (run, count) = await RunLookup.LatestSuccessfulAsync(new LocalArtifactStore(_root), "pipeline/", Exp);

        run.ShouldBeNull();
        count.ShouldBe(0);
    }

    [Fact]
    public async Task Latest_InTheBucket_PagesPastTheFirstThousandObjects()
    {
        using var server = new FakeGcsServer();
        var store = new GcsArtifactStore(new StorageBucket(
            StorageClients.Create(server.BaseUri, global::Google.Apis.Auth.OAuth2.GoogleCredential.FromAccessToken(FakeGcsServer.Token)), server.Bucket));
        await PutAsync(store, "pipeline/flu-h1/20261101-080000-00000001/run_record.json", Record("SUCCEEDED"));
        // An older run's thousand results fill the first page; the newest run comes after them.
        for (var i = 0; i < 1000; i++)
            await PutAsync(store, $"pipeline/flu-h1/20261101-080000-00000001/runner-artifacts/result_{i:D5}.json.gz", "x");
        await PutAsync(store, "pipeline/flu-h1/20261105-080000-00000005/run_record.json", Record("SUCCEEDED"));

        var (run, count) = await RunLookup.LatestSuccessfulAsync(store, "pipeline/", Exp);

        run.ShouldBe(RunId.Parse("20261105-080000-00000005"));
        count.ShouldBe(2);
        server.Requests.Count(r => r.Contains("pageToken=", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
    }
}
