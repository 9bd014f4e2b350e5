using System.Net;
using Epy.Google.Auth;
using Epy.Google.SecretManager;
using Epy.Stages.Tests.ForecastRepo;

namespace Epy.Stages.Tests.Secrets;

public sealed class SecretManagerClientTests : IDisposable
{
    private static readonly SecretVersionName Name = new("test-project", "github-pat", SecretVersionName.Latest);

    private readonly FakeSecretManager _server = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    private SecretManagerClient Client(int retries = 3) => new(_http, new StaticAccessToken(FakeSecretManager.AccessToken),
        new SecretManagerOptions { BaseUri = _server.BaseUri, Resilience = new("Secret Manager") { MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(1) } });

    [Fact]
    public async Task AccessText_StoredSecret_ReturnsItsDecodedPayload_FromTheDocumentedPath()
    {
        _server.Add("test-project", "github-pat", "ghp_abc\n");

        var text = await Client().AccessTextAsync(Name);

        text.ShouldBe("ghp_abc\n");
        _server.Requests.ShouldBe(["GET /v1/projects/test-project/secrets/github-pat/versions/latest:access"]);
    }

    [Fact]
    public async Task AccessText_503ThenOk_IsRetried()
    {
        _server.Add("test-project", "github-pat", "ghp_abc");
        _server.FailNext(1, HttpStatusCode.ServiceUnavailable);

        var text = await Client().AccessTextAsync(Name);

        text.ShouldBe("ghp_abc");
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AccessText_StillUnavailableAfterTheRetries_ThrowsWithTheStatus()
    {
        _server.FailNext(10, HttpStatusCode.TooManyRequests);

        var error = await Should.ThrowAsync<HttpRequestException>(() => Client(retries: 2).AccessTextAsync(Name));

        error.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task AccessText_MissingSecret_Throws404_WithoutRetrying()
    {
        var error = await Should.ThrowAsync<HttpRequestException>(() => Client().AccessTextAsync(Name));

        error.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Message.ShouldContain("projects/test-project/secrets/github-pat/versions/latest");
        _server.Requests.Count.ShouldBe(1);
    }
}
