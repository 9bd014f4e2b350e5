using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Epy.Stages.Storage;

/// <summary>Writes: one multipart request for a small object, a resumable session for a large one.</summary>
public sealed partial class GcsArtifactStore
{
    /// <inheritdoc />
    public async Task WriteAsync(string path, Stream content, WriteMode mode, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        var first = ArrayPool<byte>.Shared.Rent(_options.ChunkSize);
        try
        {
            var length = await ReadChunkAsync(content, first, _options.ChunkSize, cancellationToken).ConfigureAwait(false);
            if (length < _options.ChunkSize)
            {
                await UploadMultipartAsync(path, first.AsMemory(0, length), mode, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await UploadResumableAsync(path, content, first, mode, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
        }
    }

    private async Task UploadMultipartAsync(string path, ReadOnlyMemory<byte> bytes, WriteMode mode, CancellationToken cancellationToken)
    {
        var contentType = ArtifactContentTypes.For(path);
        var uri = UploadUri("multipart", path, mode);

        // Only a write-once upload is safe to repeat: with ifGenerationMatch=0 a second copy cannot land.
        var pipeline = mode == WriteMode.CreateOnly ? _idempotent : _once;
        using var response = await SendAsync(
            pipeline,
            () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = MultipartBody(path, contentType, bytes) },
            HttpCompletionOption.ResponseContentRead,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            throw new ArtifactExistsException(path);
        }

        await EnsureSuccessAsync(response, "upload", path, cancellationToken).ConfigureAwait(false);
    }

    private static MultipartContent MultipartBody(string path, string contentType, ReadOnlyMemory<byte> bytes)
    {
        var body = new MultipartContent("related", "epy-" + Guid.NewGuid().ToString("N"));
        body.Add(JsonContent.Create(new GcsObject(path, contentType), GcsJsonContext.Default.GcsObject));
        var media = new ReadOnlyMemoryContent(bytes);
        media.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        body.Add(media);
        return body;
    }

    /// <summary>Reads until <paramref name="count"/> bytes or the end of the stream; returns how many were read.</summary>
    private static async Task<int> ReadChunkAsync(Stream content, byte[] buffer, int count, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < count)
        {
            var read = await content.ReadAsync(buffer.AsMemory(total, count - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
