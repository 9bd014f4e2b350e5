using System.Net;
using Epy.Orchestrator.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Api;

/// <summary>
/// The local server answers only to its loopback names on its own port (a DNS-rebinding page's Host is
/// refused before any run is started) and forbids framing on every answer.
/// </summary>
public sealed class LoopbackHostTests : IAsyncLifetime
{
    private LocalServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalServer.StartFakeAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("evil.example:{port}")]
    [InlineData("rebind.attacker.test:{port}")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost.evil.example:{port}")]
    [InlineData("0.0.0.0:{port}")]
    public async Task ForeignHost_IsRefused_AndNoRunStarts(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs") { Content = new StringContent("""{"exp_id": "flu"}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Host = host.Replace("{port}", Port, StringComparison.Ordinal);

        using var response = await _server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.MisdirectedRequest);
        using var list = await _server.Client.GetAsync("/v1/runs");
        (await list.Content.ReadAsStringAsync()).ShouldNotContain("\"exp_id\"");
    }

    [Theory]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST:{port}")]
    [InlineData("[::1]:{port}")]
    public async Task LoopbackHost_IsServed(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/runs");
        request.Headers.Host = host.Replace("{port}", Port, StringComparison.Ordinal);

        using var response = await _server.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/v1/runs")]
    [InlineData("/runs/20261124-101500-a1b2c3d4")]
    public async Task EveryAnswer_ForbidsFraming(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Content-Security-Policy").ShouldBe(["frame-ancestors 'none'"]);
    }

    [Fact]
    public void IsLoopbackHost_WantsTheNameAndThePort()
    {
        LoopbackHostCheck.IsLoopbackHost("127.0.0.1:8765", 8765).ShouldBeTrue();
        LoopbackHostCheck.IsLoopbackHost("127.0.0.1:8766", 8765).ShouldBeFalse();
        LoopbackHostCheck.IsLoopbackHost("", 8765).ShouldBeFalse();
        LoopbackHostCheck.IsLoopbackHost("127.0.0.2:8765", 8765).ShouldBeFalse();
    }

    private string Port => _server.Client.BaseAddress!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
