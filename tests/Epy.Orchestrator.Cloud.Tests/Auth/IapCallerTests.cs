using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Epy.Orchestrator.Cloud.Auth;
using Epy.Orchestrator.Cloud.Push;
using Epy.Orchestrator.Cloud.Tests.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.Auth;

/// <summary>
/// The dashboard's Cancel and Resume buttons behind Identity-Aware Proxy (issue 19): a POST carrying IAP's signed
/// assertion (ES256, issuer https://cloud.google.com/iap, the configured audience) from an allowed principal is let
/// in; a forged, foreign or stale one is refused; the identity-token check still works beside it. IAP's keys are a
/// local ES256 key served by a fake key-set endpoint, fetched once and cached.
/// </summary>
public sealed class IapCallerTests : IAsyncLifetime, IDisposable
{
    private const string IapAudience = "/projects/123456789012/global/backendServices/987654321";
    private const string ServiceUrl = "https://epy-orchestrator-123456789012.us-central1.run.app";
    private const string Kid = "iap-key-1";
    private readonly ECDsa _iapKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TestTokens _googleTokens = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private int _keyFetches;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var options = new ApiCallerOptions
        {
            Audiences = [ServiceUrl],
            AllowedPrincipals = ["user:alice@example.org", "domain:flu-lab.org"],
            IapAudiences = [IapAudience],
            IapKeySetUri = new Uri("https://iap-keys.test/public_key-jwk"),
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new IapAssertionVerifier(new HttpClient(new KeySetHandler(this)), options, _time));
        builder.Services.AddSingleton(new OidcTokenVerifier(_googleTokens.KeySetClient(),
            new PushOptions { Audience = "push", AllowedEmails = ["push@proj.iam.gserviceaccount.com"], KeySetUri = new Uri("https://keys.test/certs") }, _time));
        _app = builder.Build();
        var v1 = _app.MapGroup("/v1").AddEndpointFilter<ApiCallerCheck>();
        v1.MapPost("/runs/{id}:cancel", (string id) => TypedResults.Ok(id));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    public void Dispose()
    {
        _iapKey.Dispose();
        _otherKey.Dispose();
        _googleTokens.Dispose();
    }

    private Dictionary<string, object> Claims(string email = "alice@example.org", string audience = IapAudience, string issuer = IapAssertionVerifier.Issuer,
        string? hostedDomain = null, TimeSpan? age = null)
    {
        var issued = _time.GetUtcNow() - (age ?? TimeSpan.Zero);
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer, ["aud"] = audience, ["email"] = email, ["sub"] = "accounts.google.com:1234",
            ["iat"] = issued.ToUnixTimeSeconds(), ["exp"] = issued.AddMinutes(10).ToUnixTimeSeconds(),
        };
        if (hostedDomain is not null)
            claims["hd"] = hostedDomain;
        return claims;
    }

    private string Assertion(Dictionary<string, object> claims, ECDsa? key = null, string alg = "ES256", string kid = Kid)
    {
        var header = TestTokens.B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { alg, kid, typ = "JWT" })));
        var body = TestTokens.B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(claims)));
        var signature = (key ?? _iapKey).SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{header}.{body}.{TestTokens.B64(signature)}";
    }

    private async Task<HttpStatusCode> CancelAsync(string? assertion, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/runs/20261124-101500-a1b2c3d4:cancel");
        if (assertion is not null)
            request.Headers.Add(IapAssertionVerifier.Header, assertion);
        if (bearer is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task DashboardButton_BehindIap_ByAnAllowedUser_IsLetIn()
    {
        (await CancelAsync(Assertion(Claims()))).ShouldBe(HttpStatusCode.OK);
        (await CancelAsync(Assertion(Claims("bob@flu-lab.org", hostedDomain: "flu-lab.org")))).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task IapKeys_AreFetchedOnce_AndCached()
    {
        await CancelAsync(Assertion(Claims()));
        await CancelAsync(Assertion(Claims()));
        _time.Advance(TimeSpan.FromMinutes(30));
        await CancelAsync(Assertion(Claims()));

        _keyFetches.ShouldBe(1);
    }

    [Theory]
    [InlineData("stranger", "a signed-in user not on the allow-list")]
    [InlineData("audience", "an assertion for another IAP backend")]
    [InlineData("issuer", "a Google identity token's issuer in an ES256 assertion")]
    [InlineData("key", "signed with a key that is not IAP's")]
    [InlineData("kid", "a key id IAP does not publish")]
    [InlineData("alg", "alg none")]
    [InlineData("expired", "an assertion an hour old")]
    [InlineData("garbage", "not a JWT")]
    public async Task ForgedForeignOrStaleAssertions_AreRefused(string what, string because)
    {
        var assertion = what switch
        {
            "stranger" => Assertion(Claims("mallory@example.org")),
            "audience" => Assertion(Claims(audience: "/projects/123456789012/global/backendServices/1")),
            "issuer" => Assertion(Claims(issuer: "https://accounts.google.com")),
            "key" => Assertion(Claims(), key: _otherKey),
            "kid" => Assertion(Claims(), kid: "other-key"),
            "alg" => Assertion(Claims(), alg: "none"),
            "expired" => Assertion(Claims(age: TimeSpan.FromHours(1))),
            _ => "not.a.jwt",
        };

        (await CancelAsync(assertion)).ShouldBe(HttpStatusCode.Unauthorized, because);
    }

    [Fact]
    public async Task WithoutAnAssertion_TheIdentityTokenCheckStillDecides()
    {
        var token = _googleTokens.Sign(new Dictionary<string, object>
        {
            ["iss"] = "https://accounts.google.com", ["aud"] = ServiceUrl, ["email"] = "alice@example.org", ["email_verified"] = true,
            ["iat"] = _time.GetUtcNow().ToUnixTimeSeconds(), ["exp"] = _time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
        });

        (await CancelAsync(null, bearer: token)).ShouldBe(HttpStatusCode.OK);
        (await CancelAsync(null)).ShouldBe(HttpStatusCode.Unauthorized);
        (await CancelAsync(Assertion(Claims("mallory@example.org")), bearer: token)).ShouldBe(HttpStatusCode.OK, "a valid token of its own counts");
    }

    [Fact]
    public void Options_IapAudiences_MustBeIapsForms()
    {
        var options = new ApiCallerOptions { Audiences = ["a"], AllowedPrincipals = ["user:a@b.org"] };

        options.IapAudiences = [IapAudience, "/projects/123456789012/apps/flu-forecasts"];
        options.Problems().ShouldBeEmpty();
        options.IapAudiences = ["https://epy.example.org"];
        options.Problems().ShouldHaveSingleItem().ShouldContain("Api:IapAudiences 'https://epy.example.org' is not");
    }

    private sealed class KeySetHandler(IapCallerTests tests) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref tests._keyFetches);
            request.RequestUri.ShouldBe(new Uri("https://iap-keys.test/public_key-jwk"));
            var q = tests._iapKey.ExportParameters(false).Q;
            var json = JsonSerializer.Serialize(new
            {
                keys = new[] { new { kty = "EC", alg = "ES256", use = "sig", crv = "P-256", kid = Kid, x = TestTokens.B64(q.X!), y = TestTokens.B64(q.Y!) } },
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
        }
    }
}
