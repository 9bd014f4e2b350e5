using System.Net;
using System.Text;
using Epy.Contracts.Runs;
using Epy.Google.Storage;
using Epy.Google.Auth;
using Epy.Orchestrator.Cloud.Storage;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Epy.Testing.Gcs;

namespace Epy.Orchestrator.Cloud.Tests.Storage;

public sealed class GcsRunArtifactsTests : IDisposable
{
    private readonly FakeGcsServer _gcs = new();
    private readonly HttpClient _http = new();
    private readonly ArtifactPaths _paths = new("pipeline/flu/", ExperimentId.Parse("exp1"), RunId.Parse("20261124-101500-a1b2c3d4"));

    private GcsRunArtifacts Artifacts() => new(new StorageBucket(
        StorageClients.Create(_gcs.BaseUri, global::Google.Apis.Auth.OAuth2.GoogleCredential.FromAccessToken(FakeGcsServer.Token)),
        _gcs.Bucket,
        new StorageSettings { RetryBaseDelay = TimeSpan.FromMilliseconds(20) }));

    [Fact]
    public async Task ReadTaskCount_ReadsTheManifest()
    {
        var artifacts = Artifacts();
        await UploadAsync(_paths.Manifest, """{"schema_version": 2, "task_count": 52}""");
        (await artifacts.ReadTaskCountAsync(_paths, default)).ShouldBe(52);
    }

    [Fact]
    public async Task ReadTaskCount_MissingOrMalformedManifest_FailsPermanently_NamingTheObject()
    {
        var artifacts = Artifacts();
        var missing = await Should.ThrowAsync<CommandFailedException>(() => artifacts.ReadTaskCountAsync(_paths, default));
        missing.Permanent.ShouldBeTrue();
        missing.Message.ShouldContain("gs://test-bucket/pipeline/flu/exp1/20261124-101500-a1b2c3d4/builder-artifacts/manifest.json");
        await UploadAsync(_paths.Manifest, "{not json");
        (await Should.ThrowAsync<CommandFailedException>(() => artifacts.ReadTaskCountAsync(_paths, default))).Permanent.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadRunFile_ReadsAConfigUnderTheRun_NullWhenMissing_RefusesOversizeAndPathsOutside()
    {
        var artifacts = Artifacts();
        await UploadAsync(_paths.Root + "config/modelset.yml", "modelset:\n  population_names: [US-MA]\n");

        var bytes = await artifacts.ReadAsync(_paths, "config/modelset.yml", 1024, default);
        var missing = await artifacts.ReadAsync(_paths, "config/basemodel.yml", 1024, default);
        var tooLarge = await Should.ThrowAsync<CommandFailedException>(() => artifacts.ReadAsync(_paths, "config/modelset.yml", 8, default));

        Encoding.UTF8.GetString(bytes!).ShouldBe("modelset:\n  population_names: [US-MA]\n");
        missing.ShouldBeNull();
        tooLarge.Permanent.ShouldBeTrue();
        tooLarge.Message.ShouldContain("gs://test-bucket/pipeline/flu/exp1/20261124-101500-a1b2c3d4/config/modelset.yml");
        await Should.ThrowAsync<ArgumentException>(() => artifacts.ReadAsync(_paths, "../other/config/x.yml", 1024, default));
    }

    [Fact]
    public async Task Calls_RetryTransientErrors()
    {
        var artifacts = Artifacts();
        await UploadAsync(_paths.Manifest, """{"task_count": 3}""");
        _gcs.FailNext(2, HttpStatusCode.ServiceUnavailable);
        (await artifacts.ReadTaskCountAsync(_paths, default)).ShouldBe(3);
    }

    [Fact]
    public async Task RunRecord_IsWrittenAndReplaced_AndOutputsAreListed()
    {
        var artifacts = Artifacts();
        await artifacts.WriteRunRecordAsync(_paths, Encoding.UTF8.GetBytes("{\"state\":\"FAILED\"}"), default);
        await artifacts.WriteRunRecordAsync(_paths, Encoding.UTF8.GetBytes("{\"state\":\"SUCCEEDED\"}"), default);
        Encoding.UTF8.GetString(_gcs.ObjectBytes(_paths.RunRecord)!).ShouldBe("{\"state\":\"SUCCEEDED\"}");

        _gcs.DefaultMaxResults = 2;
        foreach (var name in new[] { "b.csv.gz", "a.csv.gz", "c.png" })
            await UploadAsync(_paths.Outputs + name, "x");
        (await artifacts.ListOutputsAsync(_paths, default)).ShouldBe([_paths.Outputs + "a.csv.gz", _paths.Outputs + "b.csv.gz", _paths.Outputs + "c.png"]);
    }

    [Fact]
    public async Task TaskResults_AreListedByIndex_PageByPage_IgnoringOtherObjects()
    {
        var artifacts = Artifacts();
        _gcs.DefaultMaxResults = 2;
        foreach (var index in new[] { 3, 0, 11 })
            await UploadAsync(_paths.TaskResult(index), "x");
        await UploadAsync(_paths.TaskResults + "result_00005.json.gz.partial", "x");
        await UploadAsync(_paths.TaskInput(7), "x");

        (await artifacts.ListTaskResultsAsync(_paths, default)).ShouldBe([0, 3, 11]);
    }

    [Fact]
    public async Task OpenOutput_ReadsTheObject_NullWhenMissing_AndRefusesNamesOutsideOutputs()
    {
        var artifacts = Artifacts();
        await UploadAsync(_paths.Outputs + "fan_charts.json", "{\"charts\": []}");
        await UploadAsync(_paths.RunRecord, "secret");

        await using (var stream = await artifacts.OpenOutputAsync(_paths, "fan_charts.json", default))
            (await new StreamReader(stream.ShouldNotBeNull()).ReadToEndAsync()).ShouldBe("{\"charts\": []}");
        (await artifacts.OpenOutputAsync(_paths, "missing.csv", default)).ShouldBeNull();
        await Should.ThrowAsync<ArgumentException>(() => artifacts.OpenOutputAsync(_paths, "../run_record.json", default));
    }

    [Fact]
    public async Task SubmissionVerdict_IsReadFromTheBucket_AndAForbiddenObjectIsUnreadable_NotAFailure()
    {
        var artifacts = Artifacts();
        await UploadAsync(_paths.Outputs + "submission_validation.json",
            """{"valid": false, "problems": ["row 2: value < 0"], "hub_config": "/hub", "submission_file": "2025-12-20-MOBS-GLEAM.csv", "model_id": "MOBS-GLEAM", "reference_date": "2025-12-20"}""");
        var outputs = await artifacts.ListOutputsAsync(_paths, default);

        var read = await SubmissionVerdictReader.ReadAsync(artifacts, _paths, outputs, default);
        _gcs.FailNext(1, HttpStatusCode.Forbidden);
        var forbidden = await SubmissionVerdictReader.ReadAsync(artifacts, _paths, outputs, default);

        read.ShouldNotBeNull();
        (read.Valid, read.SubmissionFile, read.ModelId, read.ReferenceDate).ShouldBe((false, "2025-12-20-MOBS-GLEAM.csv", "MOBS-GLEAM", "2025-12-20"));
        read.Problems.ShouldBe(["row 2: value < 0"]);
        forbidden.ShouldNotBeNull().Valid.ShouldBeNull();
        forbidden.Unreadable.ShouldNotBeNull().ShouldContain("submission_validation.json could not be read: gs://test-bucket/pipeline/flu/exp1/");
        forbidden.Unreadable.ShouldContain("403");
    }

    private async Task UploadAsync(string name, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_gcs.BaseUri, $"upload/storage/v1/b/{_gcs.Bucket}/o?uploadType=multipart"));
        var content = new MultipartContent("related", "b");
        content.Add(new StringContent($"{{\"name\":\"{name}\"}}", Encoding.UTF8, "application/json"));
        content.Add(new StringContent(text));
        request.Content = content;
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeGcsServer.Token);
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _http.Dispose();
        _gcs.Dispose();
    }

    private sealed class FixedToken(string token) : IAccessTokenSource
    {
        public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);
    }
}
