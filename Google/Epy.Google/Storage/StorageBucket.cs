using System.Net;
using System.Runtime.CompilerServices;
using Google;
using Google.Cloud.Storage.V1;
using Polly;
using StorageObject = Google.Apis.Storage.v1.Data.Object;

namespace Epy.Google.Storage;

/// <summary>
/// One Cloud Storage bucket through the official <see cref="StorageClient"/>: reads (whole or bounded),
/// metadata, paged listings, resumable uploads (the client checks CRC32C/MD5 both ways) and deletes.
/// The client's own retries are off; <see cref="StorageResilience"/> retries the idempotent calls.
/// Failures surface as the client's <see cref="GoogleApiException"/> (or a network error); a missing
/// object is null/false, never an exception.
/// </summary>
public sealed class StorageBucket
{
    private readonly StorageClient _client;
    private readonly StorageSettings _settings;
    private readonly ResiliencePipeline _idempotent;
    private readonly ResiliencePipeline _once;

    /// <summary>Creates the adapter for <paramref name="bucket"/>.</summary>
    /// <param name="client">The client (see <see cref="StorageClients"/>); its lifetime is the caller's.</param>
    /// <param name="bucket">The bucket name, without <c>gs://</c>.</param>
    /// <param name="settings">Chunking, paging and retries; defaults when null.</param>
    /// <param name="time">The clock of retry delays and timeouts; the system clock when null.</param>
    public StorageBucket(StorageClient client, string bucket, StorageSettings? settings = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        _settings = settings ?? new StorageSettings();
        _settings.Validate();
        _client = client;
        Name = bucket;
        _idempotent = StorageResilience.Idempotent(_settings, time ?? TimeProvider.System);
        _once = StorageResilience.Once(_settings, time ?? TimeProvider.System);
    }

    /// <summary>The bucket name.</summary>
    public string Name { get; }

    /// <summary>Copies object <paramref name="name"/> into <paramref name="destination"/>; false when it does not exist.</summary>
    /// <param name="name">The object name.</param>
    /// <param name="destination">Where the bytes go; a retried download starts it over, so it must be seekable to be retried.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public async Task<bool> DownloadAsync(string name, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var start = destination.CanSeek ? destination.Position : -1;
        var pipeline = destination.CanSeek ? _idempotent : _once;
        try
        {
            await pipeline.ExecuteAsync(async token =>
            {
                if (start >= 0)
                {
                    destination.Position = start;
                    destination.SetLength(start);
                }

                await _client.DownloadObjectAsync(Name, name, destination, new DownloadObjectOptions(), token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException missing) when (missing.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The bytes of object <paramref name="name"/>, or null when it does not exist.</summary>
    /// <param name="name">The object name.</param>
    /// <param name="maxBytes">The most it may hold.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ObjectTooLargeException">The object holds more than <paramref name="maxBytes"/>.</exception>
    public async Task<byte[]?> ReadAsync(string name, long maxBytes, CancellationToken cancellationToken = default)
    {
        using var buffer = new BoundedMemoryStream(name, maxBytes);
        return await DownloadAsync(name, buffer, cancellationToken).ConfigureAwait(false) ? buffer.ToArray() : null;
    }

    /// <summary>Whether object <paramref name="name"/> exists.</summary>
    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await _idempotent.ExecuteAsync(
                async token => await _client.GetObjectAsync(Name, name, new GetObjectOptions { RetryOptions = RetryOptions.Never }, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException missing) when (missing.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// The objects whose names start with <paramref name="prefix"/>, page by page until the last. With a
    /// <paramref name="delimiter"/>, names with it after the prefix fold into <see cref="StoragePage.Prefixes"/>.
    /// </summary>
    public async IAsyncEnumerable<StoragePage> ListAsync(
        string prefix, string? delimiter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? pageToken = null;
        do
        {
            var token = pageToken;
            var page = await _idempotent.ExecuteAsync(async ct => await ListPageAsync(prefix, delimiter, token, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            yield return new StoragePage(
                [.. (page.Items ?? []).Select(o => new StorageItem(o.Name, (long)(o.Size ?? 0)))],
                [.. page.Prefixes ?? []]);
            pageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    /// <summary>
    /// Uploads <paramref name="content"/> (from its position to its end) as object <paramref name="name"/> in a
    /// resumable session; false when <paramref name="condition"/> did not hold (the object exists).
    /// </summary>
    /// <param name="name">The object name.</param>
    /// <param name="content">The bytes; seekable for the upload to be retried.</param>
    /// <param name="contentType">The media type stored with it.</param>
    /// <param name="condition">When it may land.</param>
    /// <param name="idempotent">Whether a repeated upload is harmless (always so under <see cref="WriteCondition.DoesNotExist"/>).</param>
    /// <param name="cancellationToken">Cancels the upload; nothing partial becomes visible.</param>
    public async Task<bool> UploadAsync(
        string name, Stream content, string contentType, WriteCondition condition, bool idempotent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var retry = content.CanSeek && (idempotent || condition == WriteCondition.DoesNotExist);
        var start = retry ? content.Position : 0;
        var options = new UploadObjectOptions
        {
            ChunkSize = _settings.ChunkSize,
            IfGenerationMatch = condition == WriteCondition.DoesNotExist ? 0 : null,
        };
        try
        {
            await (retry ? _idempotent : _once).ExecuteAsync(async token =>
            {
                if (retry)
                    content.Position = start;
                var metadata = new StorageObject { Bucket = Name, Name = name, ContentType = contentType };
                await _client.UploadObjectAsync(metadata, content, options, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (GoogleApiException exists) when (exists.HttpStatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>Deletes object <paramref name="name"/>; a missing object is not an error, so a repeated delete is harmless.</summary>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            await _idempotent.ExecuteAsync(
                async token => await _client.DeleteObjectAsync(Name, name, new DeleteObjectOptions { RetryOptions = RetryOptions.Never }, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GoogleApiException missing) when (missing.HttpStatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private async Task<global::Google.Apis.Storage.v1.Data.Objects> ListPageAsync(string prefix, string? delimiter, string? pageToken, CancellationToken cancellationToken)
    {
        var options = new ListObjectsOptions { RetryOptions = RetryOptions.Never, Delimiter = delimiter, PageToken = pageToken, PageSize = _settings.PageSize };
        await foreach (var page in _client.ListObjectsAsync(Name, prefix, options).AsRawResponses().WithCancellation(cancellationToken).ConfigureAwait(false))
            return page;
        return new global::Google.Apis.Storage.v1.Data.Objects();
    }
}
