using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Epy.Stages.Storage;

/// <summary>
/// Resumable uploads: initiate a session, then PUT chunks of <see cref="GcsStoreOptions.ChunkSize"/> bytes
/// with <c>Content-Range</c>. After a failed chunk, ask the session how much it persisted
/// (<c>Content-Range: bytes */{total}</c>, answered by 308 and a <c>Range</c> header) and send the rest.
/// </summary>
public sealed partial class GcsArtifactStore
{
    private const HttpStatusCode ResumeIncomplete = (HttpStatusCode)308;

    private async Task UploadResumableAsync(string path, Stream content, byte[] firstChunk, WriteMode mode, CancellationToken cancellationToken)
    {
        var session = await InitiateAsync(path, mode, cancellationToken).ConfigureAwait(false);
        var spare = ArrayPool<byte>.Shared.Rent(_options.ChunkSize);
        try
        {
            var current = firstChunk;
            var next = spare;
            var currentLength = _options.ChunkSize;
            long offset = 0;

            // Read one chunk ahead: the last chunk must carry the total, and only the next read tells.
            while (true)
            {
                var nextLength = await ReadChunkAsync(content, next, _options.ChunkSize, cancellationToken).ConfigureAwait(false);
                var isLast = nextLength == 0;
                long? total = isLast ? offset + currentLength : null;
                await SendChunkAsync(session, path, current.AsMemory(0, currentLength), offset, total, cancellationToken).ConfigureAwait(false);
                if (isLast)
                {
                    return;
                }

                offset += currentLength;
                (current, next) = (next, current);
                currentLength = nextLength;
                if (currentLength < _options.ChunkSize)
                {
                    await SendChunkAsync(session, path, current.AsMemory(0, currentLength), offset, offset + currentLength, cancellationToken).ConfigureAwait(false);
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private async Task<Uri> InitiateAsync(string path, WriteMode mode, CancellationToken cancellationToken)
    {
        var contentType = ArtifactContentTypes.For(path);
        var uri = UploadUri("resumable", path, mode);

        // Starting a session creates nothing visible, so it is safe to repeat.
        using var response = await SendAsync(
            _idempotent,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, uri)
                {
                    Content = JsonContent.Create(new GcsObject(path, contentType), GcsJsonContext.Default.GcsObject),
                };
                request.Headers.Add("X-Upload-Content-Type", contentType);
                return request;
            },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new ArtifactExistsException(path);
        }

        await EnsureSuccessAsync(response, "resumable upload start", path, cancellationToken).ConfigureAwait(false);
        return response.Headers.Location ?? throw new IOException($"Cloud Storage started a resumable upload of '{path}' without a session URI.");
    }

    /// <summary>Sends the bytes at <c>[start, start + chunk.Length)</c> until the session has them all.</summary>
    private async Task SendChunkAsync(Uri session, string path, ReadOnlyMemory<byte> chunk, long start, long? total, CancellationToken cancellationToken)
    {
        var end = start + chunk.Length;
        var progress = new ChunkProgress { Persisted = start };
        var stalls = 0;
        while (true)
        {
            var before = progress.Persisted;
            using var response = await _idempotent.ExecuteAsync(
                async token => await SendChunkAttemptAsync(session, chunk, start, total, progress, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            switch (response.StatusCode)
            {
                case ResumeIncomplete:
                    progress.Persisted = PersistedBytes(response);
                    if (progress.Persisted < start)
                    {
                        throw new IOException($"The resumable upload of '{path}' lost bytes it had acknowledged (has {progress.Persisted}, expected {start}).");
                    }

                    if (progress.Persisted >= end && total is null)
                    {
                        return;
                    }

                    // The session kept only part of the chunk (or, for the last chunk, not the end): send the rest.
                    stalls = progress.Persisted > before ? 0 : stalls + 1;
                    if (stalls > _options.MaxRetryAttempts)
                    {
                        throw new IOException($"The resumable upload of '{path}' made no progress past byte {progress.Persisted}.");
                    }

                    continue;
                case HttpStatusCode.OK or HttpStatusCode.Created:
                    if (total is null)
                    {
                        throw new IOException($"The resumable upload of '{path}' finished before its last chunk.");
                    }

                    return;
                case HttpStatusCode.PreconditionFailed:
                    throw new ArtifactExistsException(path);
                case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                    throw new IOException($"The resumable upload session of '{path}' expired or was cancelled ({(int)response.StatusCode}).");
                default:
                    await EnsureSuccessAsync(response, "resumable upload", path, cancellationToken).ConfigureAwait(false);
                    throw new IOException($"Unexpected answer {(int)response.StatusCode} to a resumable chunk of '{path}'.");
            }
        }
    }

    /// <summary>One try: after a failure, first ask how much the session persisted, then send from there.</summary>
    private async Task<HttpResponseMessage> SendChunkAttemptAsync(
        Uri session, ReadOnlyMemory<byte> chunk, long start, long? total, ChunkProgress progress, CancellationToken cancellationToken)
    {
        var end = start + chunk.Length;
        if (progress.NeedsStatus)
        {
            var status = await SendOnceAsync(() => StatusQuery(session, total), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            if (status.StatusCode != ResumeIncomplete)
            {
                return status;
            }

            var persisted = PersistedBytes(status);
            if (persisted >= end || persisted < start)
            {
                // Nothing to send from here: the caller decides between "done" and "lost bytes".
                return status;
            }

            status.Dispose();
            progress.Persisted = persisted;
            progress.NeedsStatus = false;
        }

        var from = progress.Persisted;
        progress.NeedsStatus = true;
        var response = await SendOnceAsync(
            () =>
            {
                var body = new ReadOnlyMemoryContent(chunk[(int)(from - start)..]);
                body.Headers.ContentRange = total is { } length
                    ? new ContentRangeHeaderValue(from, end - 1, length)
                    : new ContentRangeHeaderValue(from, end - 1);
                return new HttpRequestMessage(HttpMethod.Put, session) { Content = body };
            },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (!GcsTransientErrors.IsTransient(response.StatusCode))
        {
            progress.NeedsStatus = false;
        }

        return response;
    }

    private static HttpRequestMessage StatusQuery(Uri session, long? total)
    {
        var body = new ByteArrayContent([]);
        body.Headers.TryAddWithoutValidation(
            "Content-Range", total is { } length ? $"bytes */{length.ToString(CultureInfo.InvariantCulture)}" : "bytes */*");
        return new HttpRequestMessage(HttpMethod.Put, session) { Content = body };
    }

    /// <summary>How many bytes a 308 says the session holds: <c>Range: bytes=0-{n-1}</c>, or none when absent.</summary>
    private static long PersistedBytes(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Range", out var values))
        {
            return 0;
        }

        var range = values.First();
        var dash = range.LastIndexOf('-');
        return dash >= 0 && long.TryParse(range.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? last + 1
            : throw new IOException($"Unreadable Range header '{range}' in a resumable upload status.");
    }

    /// <summary>What a chunk's attempts share: the bytes the session is known to hold, and whether that is in doubt.</summary>
    private sealed class ChunkProgress
    {
        public long Persisted { get; set; }

        public bool NeedsStatus { get; set; }
    }
}
