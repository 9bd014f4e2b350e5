using System.Net;
using Epy.Google;
using Epy.Google.Storage;
using Epy.Stages.Storage;
using Google.Apis.Auth.OAuth2;

namespace Epy.Stages.Tests.Storage;

public sealed class GcsArtifactStoreTests : ArtifactStoreContractTests, IDisposable
{
    private const int ChunkSize = 2 * StorageSettings.ChunkGranularity;

    private readonly FakeGcsServer _server = new() { DefaultMaxResults = 2 };
    private readonly GcsArtifactStore _store;

    public GcsArtifactStoreTests() => _store = NewStore(FakeGcsServer.Token);

    protected override IArtifactStore Store => _store;

    protected override int LargeSize => 3 * ChunkSize + 12345;

    public void Dispose()
    {
        _server.Dispose();
    }

    private GcsArtifactStore NewStore(string token, TimeSpan? attemptTimeout = null) => new(new StorageBucket(
        StorageClients.Create(_server.BaseUri, GoogleCredential.FromAccessToken(token)),
        _server.Bucket,
        new StorageSettings
        {
            ChunkSize = ChunkSize,
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(20),
        }));

    /// <summary>How the official client starts every upload: a resumable session.</summary>
    private const string Initiation = "POST /upload/storage/v1/b/test-bucket/o?uploadType=resumable";

    private int CountRequests(string fragment) => _server.Requests.Count(r => r.Contains(fragment, StringComparison.Ordinal));

    [Fact]
    public async Task List_FollowsNextPageToken()
    {
        for (var i = 0; i < 5; i++)
        {
            await _store.WriteAsync($"p/{i}", new MemoryStream([1]), WriteMode.Overwrite);
        }

        var names = new List<string>();
        await foreach (var name in _store.ListAsync("p/"))
        {
            names.Add(name);
        }

        names.ShouldBe(["p/0", "p/1", "p/2", "p/3", "p/4"]);
        CountRequests("GET /storage/v1/b/test-bucket/o?").ShouldBe(3);
    }

    [Fact]
    public async Task Write_SmallObject_GoesInOneChunk_LargeOneInResumableChunks()
    {
        await _store.WriteAsync("s.json", new MemoryStream(ArtifactBytes.Make(ChunkSize - 1)), WriteMode.Overwrite);
        await _store.WriteAsync("l.json", new MemoryStream(ArtifactBytes.Make(ChunkSize * 2)), WriteMode.Overwrite);

        CountRequests(Initiation).ShouldBe(2);
        _server.Requests.Where(r => r.StartsWith("PUT ", StringComparison.Ordinal)).Select(r => r.Split(' ', 3)[2])
            .ShouldBe([$"bytes 0-{ChunkSize - 2}/{ChunkSize - 1}", $"bytes 0-{ChunkSize - 1}/{2 * ChunkSize}", $"bytes {ChunkSize}-{(2 * ChunkSize) - 1}/{2 * ChunkSize}"]);
    }

    [Fact]
    public async Task Write_ResumableChunkInterrupted_ResumesFromThePersistedOffset()
    {
        var bytes = ArtifactBytes.Make(LargeSize, seed: 3);
        _server.InterruptNextChunk(keepBytes: StorageSettings.ChunkGranularity + 1000);

        await _store.WriteAsync("big/resumed.json.gz", new MemoryStream(bytes), WriteMode.CreateOnly);

        _server.ObjectBytes("big/resumed.json.gz").ShouldBe(bytes);
        CountRequests($"bytes */{LargeSize}").ShouldBe(1);
        CountRequests($"bytes {StorageSettings.ChunkGranularity}-{StorageSettings.ChunkGranularity + ChunkSize - 1}/{LargeSize}").ShouldBe(1);
    }

    [Fact]
    public async Task Write_LastResumableChunkInterrupted_ResumesAndCompletes()
    {
        var bytes = ArtifactBytes.Make(LargeSize, seed: 9);
        _server.InterruptNextChunk(keepBytes: 4 * StorageSettings.ChunkGranularity, skipChunks: 3);

        await _store.WriteAsync("big/last.bin", new MemoryStream(bytes), WriteMode.Overwrite);

        _server.ObjectBytes("big/last.bin").ShouldBe(bytes);
        CountRequests($"bytes */{LargeSize}").ShouldBe(1);
    }

    [Fact]
    public async Task Write_ResumableChunkLostWhole_ResendsIt()
    {
        var bytes = ArtifactBytes.Make(LargeSize, seed: 5);
        await _store.WriteAsync("warmup", new MemoryStream([1]), WriteMode.Overwrite);
        _server.InterruptNextChunk(keepBytes: 0);

        await _store.WriteAsync("big/resent.bin", new MemoryStream(bytes), WriteMode.Overwrite);

        _server.ObjectBytes("big/resent.bin").ShouldBe(bytes);
        CountRequests($"bytes 0-{ChunkSize - 1}/{LargeSize}").ShouldBe(2);
    }

    [Fact]
    public async Task Read_Transient503_IsRetried()
    {
        await _store.WriteAsync("r.json", new MemoryStream([7, 8]), WriteMode.Overwrite);
        _server.FailNext(2);

        (await ArtifactBytes.ReadAllAsync(await _store.OpenReadAsync("r.json"))).ShouldBe([7, 8]);
    }

    [Fact]
    public async Task Read_DamagedTransfer_FailsTheHashCheck_AndIsRetried()
    {
        var bytes = ArtifactBytes.Make(5000, seed: 2);
        await _store.WriteAsync("h.bin", new MemoryStream(bytes), WriteMode.Overwrite);
        _server.CorruptNextDownloads(1);

        (await ArtifactBytes.ReadAllAsync(await _store.OpenReadAsync("h.bin"))).ShouldBe(bytes);
        CountRequests("/o/h.bin?alt=media").ShouldBe(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task CreateOnlyUpload_TransientFailure_IsRetried(HttpStatusCode status)
    {
        _server.FailNext(1, status);

        await _store.WriteAsync("c.json", new MemoryStream([1]), WriteMode.CreateOnly);

        _server.ObjectBytes("c.json").ShouldBe([1]);
        CountRequests(Initiation).ShouldBe(2);
    }

    [Fact]
    public async Task OverwriteUpload_Transient503_IsNotRetried()
    {
        _server.FailNext(1);

        var error = await Should.ThrowAsync<HttpRequestException>(() => _store.WriteAsync("o.json", new MemoryStream([1]), WriteMode.Overwrite));

        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        CountRequests(Initiation).ShouldBe(1);
    }

    [Fact]
    public async Task ListDeleteAndExists_Transient503_AreRetried()
    {
        await _store.WriteAsync("d/1", new MemoryStream([1]), WriteMode.Overwrite);

        _server.FailNext(1);
        (await _store.ExistsAsync("d/1")).ShouldBeTrue();
        _server.FailNext(1);
        await foreach (var name in _store.ListAsync("d/"))
        {
            name.ShouldBe("d/1");
        }

        _server.FailNext(1);
        await _store.DeleteAsync("d/1");
        _server.ObjectBytes("d/1").ShouldBeNull();
    }

    [Fact]
    public async Task Read_AttemptTimeout_IsRetried()
    {
        await _store.WriteAsync("t.json", new MemoryStream([5]), WriteMode.Overwrite);
        var store = NewStore(FakeGcsServer.Token, attemptTimeout: TimeSpan.FromMilliseconds(300));
        _server.StallNext(1, TimeSpan.FromSeconds(3));

        (await ArtifactBytes.ReadAllAsync(await store.OpenReadAsync("t.json"))).ShouldBe([5]);
    }

    [Fact]
    public async Task Read_PersistentFailure_GivesUpAfterTheRetries()
    {
        _server.FailNext(10);

        var error = await Should.ThrowAsync<HttpRequestException>(() => _store.OpenReadAsync("x.json"));

        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        _server.Requests.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Names_TravelAsOneEncodedSegment()
    {
        const string name = "a b/c+d/e%f#g?.json";

        await _store.WriteAsync(name, new MemoryStream([4]), WriteMode.Overwrite);

        _server.ObjectBytes(name).ShouldBe([4]);
        (await ArtifactBytes.ReadAllAsync(await _store.OpenReadAsync(name))).ShouldBe([4]);
        CountRequests("/o/a%20b%2Fc%2Bd%2Fe%25f%23g%3F.json?alt=media").ShouldBe(1);
    }

    [Theory]
    [InlineData("x/result_00000.json.gz", "application/gzip")]
    [InlineData("x/manifest.json", "application/json")]
    [InlineData("x/quantiles.csv", "text/csv")]
    [InlineData("x/plot.png", "image/png")]
    [InlineData("x/blob", "application/octet-stream")]
    public async Task Write_StoresAContentTypeFromTheName(string name, string contentType)
    {
        await _store.WriteAsync(name, new MemoryStream([1]), WriteMode.Overwrite);

        _server.ObjectContentType(name).ShouldBe(contentType);
    }

    [Fact]
    public async Task WrongToken_IsRejected()
    {
        var store = NewStore("wrong");

        var error = await Should.ThrowAsync<HttpRequestException>(() => store.ExistsAsync("a.json"));

        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task NoToken_SendsNoAuthorization_WhichAnEmulatorAccepts_AndCloudStorageRefuses()
    {
        using var emulator = new FakeGcsServer(anonymous: true);
        var settings = new StorageSettings { MaxRetryAttempts = 0 };
        var anonymous = new GcsArtifactStore(new StorageBucket(StorageClients.Create(emulator.BaseUri), emulator.Bucket, settings));
        var refusing = new GcsArtifactStore(new StorageBucket(StorageClients.Create(_server.BaseUri), _server.Bucket, settings));

        (await anonymous.ExistsAsync("a.json")).ShouldBeFalse();
        (await Should.ThrowAsync<HttpRequestException>(() => refusing.ExistsAsync("a.json"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("127.0.0.1:9023", "http://127.0.0.1:9023/")]
    [InlineData("localhost:4443", "http://localhost:4443/")]
    [InlineData("http://127.0.0.1:9023", "http://127.0.0.1:9023/")]
    [InlineData("https://gcs.test:8443/storage/v1/", "https://gcs.test:8443/")]
    public void StorageEmulatorHost_NamesTheApiRoot(string host, string root)
    {
        CloudEmulators.Address(CloudEmulators.StorageVariable, host).ShouldBe(new Uri(root));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void StorageEmulatorHost_Unset_MeansCloudStorage(string? host)
    {
        CloudEmulators.Address(CloudEmulators.StorageVariable, host).ShouldBeNull();
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://")]
    public void StorageEmulatorHost_Malformed_IsRejected_NamingTheVariable(string host)
    {
        Should.Throw<ArgumentException>(() => CloudEmulators.Address(CloudEmulators.StorageVariable, host)).Message.ShouldContain("STORAGE_EMULATOR_HOST");
    }

    [Fact]
    public void Options_ChunkSizeNotAMultipleOf256KiB_IsRejected()
    {
        Should.Throw<ArgumentException>(() => new StorageBucket(
            StorageClients.Create(_server.BaseUri), "b", new StorageSettings { ChunkSize = 1000 }));
    }
}
