using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Epy.Orchestrator.Cloud.Tests.Push;

/// <summary>A local signing key and its JWKS, standing in for Google's: tests sign their own OIDC tokens.</summary>
public sealed class TestTokens : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public const string Kid = "test-key-1";

    public string KeySetJson
    {
        get
        {
            var p = _key.ExportParameters(false);
            return JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", alg = "RS256", use = "sig", kid = Kid, n = B64(p.Modulus!), e = B64(p.Exponent!) } } });
        }
    }

    /// <summary>An HttpClient whose every GET returns the key set (counts the fetches).</summary>
    public HttpClient KeySetClient(Action? onFetch = null) => new(new KeySetHandler(this, onFetch));

    public string Sign(object payload, string kid = Kid, string alg = "RS256", RSA? key = null)
    {
        var header = B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { alg, kid, typ = "JWT" })));
        var body = B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));
        var signature = (key ?? _key).SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{body}.{B64(signature)}";
    }

    /// <summary>Signs <paramref name="payloadJson"/> as it is (malformed claims included) with the test key.</summary>
    public string SignRaw(string payloadJson)
    {
        var header = B64(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { alg = "RS256", kid = Kid, typ = "JWT" })));
        var body = B64(Encoding.UTF8.GetBytes(payloadJson));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{body}.{B64(signature)}";
    }

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _key.Dispose();

    private sealed class KeySetHandler(TestTokens tokens, Action? onFetch) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            onFetch?.Invoke();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(tokens.KeySetJson, Encoding.UTF8, "application/json") });
        }
    }
}
