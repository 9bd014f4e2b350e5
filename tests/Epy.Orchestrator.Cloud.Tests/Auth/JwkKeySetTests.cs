using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Epy.Orchestrator.Cloud.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.Auth;

/// <summary>The key-set cache both token verifiers share: cached for max-age, an unknown key id refetched at most once a minute.</summary>
public sealed class JwkKeySetTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 13, 0, 0, TimeSpan.Zero));
    private readonly KeySetServer _server = new();
    private readonly HttpClient _http;

    public JwkKeySetTests() => _http = new HttpClient(_server, disposeHandler: false);

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task AKnownKey_IsServedFromTheCache_UntilMaxAgeEnds()
    {
        using var keys = KeySet();

        (await keys.KeyAsync("a", default)).ShouldBe(1);
        _time.Advance(TimeSpan.FromMinutes(9));
        (await keys.KeyAsync("a", default)).ShouldBe(1);
        _server.Fetches.ShouldBe(1);

        _server.Keys = """{"keys": [{"kid": "a", "v": 5}]}""";
        _time.Advance(TimeSpan.FromMinutes(2));
        (await keys.KeyAsync("a", default)).ShouldBe(5);
        _server.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task AnUnknownKeyId_RefetchesAtMostOnceAMinute()
    {
        using var keys = KeySet();
        await keys.KeyAsync("a", default);

        for (var i = 0; i < 20; i++)
            (await keys.KeyAsync($"made-up-{i}", default)).ShouldBeNull();
        _server.Fetches.ShouldBe(1);

        // A rotated key appears: found once a minute has passed since the last fetch.
        _server.Keys = """{"keys": [{"kid": "a", "v": 1}, {"kid": "b", "v": 2}]}""";
        _time.Advance(TimeSpan.FromSeconds(61));
        (await keys.KeyAsync("b", default)).ShouldBe(2);
        _server.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task KeysOfAnotherType_AreLeftOut()
    {
        _server.Keys = """{"keys": [{"kid": "a", "v": 1}, {"kid": "rsa", "other": true}]}""";
        using var keys = KeySet();

        (await keys.KeyAsync("rsa", default)).ShouldBeNull();
        (await keys.KeyAsync("a", default)).ShouldBe(1);
    }

    private JwkKeySet<int> KeySet() =>
        new(_http, () => new Uri("http://keys.test/jwk"), Parse, _time);

    private static (string Kid, int Key)? Parse(JsonElement jwk) =>
        jwk.TryGetProperty("v", out var v) ? (jwk.GetProperty("kid").GetString()!, v.GetInt32()) : null;

    private sealed class KeySetServer : HttpMessageHandler
    {
        public string Keys { get; set; } = """{"keys": [{"kid": "a", "v": 1}]}""";

        public int Fetches { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Fetches++;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Keys, Encoding.UTF8, "application/json") };
            response.Headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(10) };
            return Task.FromResult(response);
        }
    }
}
