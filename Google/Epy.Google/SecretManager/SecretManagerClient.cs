using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Epy.Google.Auth;
using Epy.Google.Resilience;
using Polly;

namespace Epy.Google.SecretManager;

/// <summary>
/// Reads secret versions through the Secret Manager REST API v1 on a plain <see cref="HttpClient"/>
/// (<c>GET v1/{name}:access</c>, the payload's <c>data</c> in base64), retrying transient failures
/// through the shared <see cref="CloudResilience.Http"/> pipeline. Secret values never appear in its exception messages.
/// </summary>
public sealed class SecretManagerClient
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly HttpClient _http;
    private readonly IAccessTokenSource _tokens;
    private readonly SecretManagerOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Creates a client.</summary>
    /// <param name="http">The client; its lifetime is the caller's.</param>
    /// <param name="tokens">Where access tokens come from (scope <see cref="GoogleAccessTokenSource.CloudPlatformScope"/>).</param>
    /// <param name="options">Endpoint and retry settings; defaults when null.</param>
    /// <param name="time">The clock for retry delays and timeouts; the system clock when null.</param>
    public SecretManagerClient(HttpClient http, IAccessTokenSource tokens, SecretManagerOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        _options = options ?? new SecretManagerOptions();
        _options.Validate();
        _http = http;
        _tokens = tokens;
        _pipeline = CloudResilience.Http(_options.Resilience, time ?? TimeProvider.System);
    }

    /// <summary>The secret version's data as UTF-8 text.</summary>
    /// <param name="name">The version to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="HttpRequestException">Secret Manager refused (with its status code) or could not be reached, after the retries.</exception>
    /// <exception cref="InvalidDataException">The answer holds no payload, or data that is not base64 UTF-8 text.</exception>
    public async Task<string> AccessTextAsync(SecretVersionName name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var uri = new Uri(_options.BaseUri, $"v1/{name}:access");
        using var response = await _pipeline.ExecuteAsync(
            async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (await _tokens.GetAccessTokenAsync(token).ConfigureAwait(false) is { } accessToken)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"Secret Manager access of '{name}' failed: {(int)response.StatusCode} {response.ReasonPhrase}. {(body.Length > 500 ? body[..500] : body)}",
                inner: null,
                response.StatusCode);
        }

        var answer = await response.Content.ReadFromJsonAsync(SecretManagerJsonContext.Default.AccessSecretVersionResponse, cancellationToken).ConfigureAwait(false);
        var data = answer?.Payload?.Data ?? throw new InvalidDataException($"Secret Manager's answer for '{name}' holds no payload.data");
        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(StandardBase64(data)));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            // The message says what is wrong without quoting the data.
            throw new InvalidDataException($"the payload of '{name}' is not base64-encoded UTF-8 text");
        }
    }

    // Protobuf's JSON mapping writes bytes as standard base64 and accepts the URL-safe alphabet, padded or not.
    private static string StandardBase64(string data)
    {
        var text = data.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }
}
