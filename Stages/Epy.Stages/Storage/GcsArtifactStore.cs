using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Polly;

namespace Epy.Stages.Storage;

/// <summary>
/// An <see cref="IArtifactStore"/> over one Cloud Storage bucket through the JSON API v1 on a plain
/// <see cref="HttpClient"/>: multipart uploads for objects smaller than a chunk, resumable uploads
/// (resumed from the server's persisted offset after a failure) for larger ones, <c>ifGenerationMatch=0</c>
/// for write-once objects, media downloads and paged listings. Transient failures of idempotent
/// requests are retried with exponential backoff and jitter.
/// </summary>
public sealed partial class GcsArtifactStore : IArtifactStore
{
    private readonly HttpClient _http;
    private readonly ITokenSource _tokens;
    private readonly GcsStoreOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _idempotent;
    private readonly ResiliencePipeline<HttpResponseMessage> _once;

    /// <summary>Creates a store for <paramref name="bucket"/>.</summary>
    /// <param name="http">The client; its lifetime is the caller's.</param>
    /// <param name="bucket">The bucket name, without <c>gs://</c>.</param>
    /// <param name="tokens">Where access tokens come from.</param>
    /// <param name="options">Endpoint, chunking and retry settings; defaults when null.</param>
    /// <param name="time">The clock for retry delays and timeouts; the system clock when null.</param>
    public GcsArtifactStore(HttpClient http, string bucket, ITokenSource tokens, GcsStoreOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        ArgumentNullException.ThrowIfNull(tokens);
        _options = options ?? new GcsStoreOptions();
        _options.Validate();
        _http = http;
        Bucket = bucket;
        _tokens = tokens;
        _idempotent = GcsResilience.Idempotent(_options, time ?? TimeProvider.System);
        _once = GcsResilience.Once(_options, time ?? TimeProvider.System);
    }

    /// <summary>The bucket name.</summary>
    public string Bucket { get; }

    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        var response = await SendAsync(
            _idempotent, () => new HttpRequestMessage(HttpMethod.Get, ObjectUri(path, "?alt=media")), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }

        try
        {
            await EnsureSuccessAsync(response, "download", path, cancellationToken).ConfigureAwait(false);

            // The content stream owns the connection: disposing it releases the response.
            return await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        using var response = await SendAsync(
            _idempotent, () => new HttpRequestMessage(HttpMethod.Get, ObjectUri(path, string.Empty)), HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, "metadata", path, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        string? pageToken = null;
        do
        {
            var uri = ListUri(prefix, pageToken);
            GcsObjectPage? page;
            using (var response = await SendAsync(
                _idempotent, () => new HttpRequestMessage(HttpMethod.Get, uri), HttpCompletionOption.ResponseContentRead, cancellationToken)
                .ConfigureAwait(false))
            {
                await EnsureSuccessAsync(response, "list", prefix, cancellationToken).ConfigureAwait(false);
                page = await response.Content.ReadFromJsonAsync(GcsJsonContext.Default.GcsObjectPage, cancellationToken).ConfigureAwait(false);
            }

            foreach (var item in page?.Items ?? [])
            {
                yield return item.Name;
            }

            pageToken = page?.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        using var response = await SendAsync(
            _idempotent, () => new HttpRequestMessage(HttpMethod.Delete, ObjectUri(path, string.Empty)), HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);

        // A 404 after a retried delete means the first attempt did it.
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await EnsureSuccessAsync(response, "delete", path, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<HttpResponseMessage> SendAsync(
        ResiliencePipeline<HttpResponseMessage> pipeline, Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken cancellationToken)
        => pipeline.ExecuteAsync(
            async token => await SendOnceAsync(create, completion, token).ConfigureAwait(false), cancellationToken).AsTask();

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = create();
        var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        // An emulator takes no credentials (StorageEmulator.NoToken): no header at all.
        if (token.Length > 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string operation, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > 500)
        {
            body = body[..500];
        }

        throw new HttpRequestException(
            $"Cloud Storage {operation} of '{path}' failed: {(int)response.StatusCode} {response.ReasonPhrase}. {body}",
            inner: null,
            response.StatusCode);
    }

    private Uri ObjectUri(string path, string query)
        => new(_options.BaseUri, $"storage/v1/b/{Escape(Bucket)}/o/{Escape(path)}{query}");

    private Uri ListUri(string prefix, string? pageToken)
    {
        var query = $"?prefix={Escape(prefix)}";
        if (pageToken is not null)
        {
            query += $"&pageToken={Escape(pageToken)}";
        }

        if (_options.PageSize is { } size)
        {
            query += $"&maxResults={size.ToString(CultureInfo.InvariantCulture)}";
        }

        return new Uri(_options.BaseUri, $"storage/v1/b/{Escape(Bucket)}/o{query}");
    }

    private Uri UploadUri(string uploadType, string path, WriteMode mode)
    {
        var query = $"?uploadType={uploadType}&name={Escape(path)}";
        if (mode == WriteMode.CreateOnly)
        {
            query += "&ifGenerationMatch=0";
        }

        return new Uri(_options.BaseUri, $"upload/storage/v1/b/{Escape(Bucket)}/o{query}");
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
