using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Epy.Contracts.Reading;
using Epy.Contracts.Runs;
using Epy.Stages.Storage;

namespace Epy.Stages.Pipeline;

/// <summary>
/// One run's folder in an artifact store: the paths of <see cref="ArtifactPaths"/> plus the copies
/// the builder makes (<c>config/</c>, <c>builder-artifacts/repo/</c>, <c>builder-artifacts/reference/</c>),
/// and the reads and writes that turn store errors into stage failures.
/// </summary>
/// <param name="Store">The store.</param>
/// <param name="Paths">The run's paths.</param>
public sealed record RunFolder(IArtifactStore Store, ArtifactPaths Paths)
{
    /// <summary>A config file's copy: <c>config/{fileName}</c>.</summary>
    public string Config(string fileName) => $"{Paths.Root}config/{fileName}";

    /// <summary>A forecast-repository file's copy: <c>builder-artifacts/repo/{relative path}</c>.</summary>
    public string RepoFile(string relativePath) => $"{Paths.Root}builder-artifacts/repo/{relativePath.Replace('\\', '/')}";

    /// <summary>A reference table's copy: <c>builder-artifacts/reference/{fileName}</c>.</summary>
    public string Reference(string fileName) => $"{Paths.Root}builder-artifacts/reference/{fileName}";

    /// <summary>A stage's summary: <c>summaries/{name}</c>.</summary>
    public string Summary(string name) => $"{Paths.Root}summaries/{name}";

    /// <summary>Reads an object, or null when it does not exist.</summary>
    public async Task<byte[]?> ReadBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = await Store.OpenReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (stream is null)
            return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    /// <summary>Writes an object, replacing any.</summary>
    public async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        using var content = new MemoryStream(bytes, writable: false);
        await Store.WriteAsync(path, content, WriteMode.Overwrite, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a write-once object. An existing object with the same bytes is left alone (a retried
    /// builder is harmless); one with other bytes is bad input: the run folder holds another build.
    /// </summary>
    public async Task WriteOnceAsync(string path, byte[] bytes, CancellationToken cancellationToken = default)
    {
        try
        {
            using var content = new MemoryStream(bytes, writable: false);
            await Store.WriteAsync(path, content, WriteMode.CreateOnly, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactExistsException)
        {
            var existing = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false);
            if (existing is null || !existing.AsSpan().SequenceEqual(bytes))
                throw StageException.BadInput($"{path} already exists with other content: the run folder holds another build; use a new RUN_ID");
        }
    }

    /// <summary>Reads a gzip JSON document; missing or unreadable is bad input naming the path.</summary>
    public async Task<T> ReadJsonGzAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        var json = await ReadGzAsync(path, cancellationToken).ConfigureAwait(false);
        return Deserialize(json, path, type);
    }

    /// <summary>Reads and decompresses a gzip object of at most <see cref="InputLimits.MaxTaskResultBytes"/> (see the overload).</summary>
    public Task<byte[]> ReadGzAsync(string path, CancellationToken cancellationToken = default) =>
        ReadGzAsync(path, InputLimits.MaxTaskResultBytes, cancellationToken);

    /// <summary>
    /// Reads and decompresses a gzip object; missing, not gzip, or decompressing to more than
    /// <paramref name="maxBytes"/> is bad input naming the path.
    /// </summary>
    public async Task<byte[]> ReadGzAsync(string path, long maxBytes, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw StageException.BadInput($"{path} is missing");
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            // Counted while decompressing: a gzip bomb stops at the bound, never at the memory's end.
            return BoundedFile.ReadAll(gzip, maxBytes)
                ?? throw StageException.BadInput(string.Create(CultureInfo.InvariantCulture,
                    $"{path} decompresses to more than {maxBytes / (1024 * 1024)} MiB, the most it may be"));
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            throw StageException.BadInput($"{path} is corrupted: {e.Message}", e);
        }
    }

    /// <summary>Deserializes the JSON of <paramref name="path"/>; malformed is bad input naming the path.</summary>
    public static T Deserialize<T>(byte[] json, string path, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw StageException.BadInput($"{path} is corrupted: {e.Message}", e);
        }
    }

    /// <summary>Reads a plain JSON document; missing or unreadable is bad input naming the path.</summary>
    public async Task<T> ReadJsonAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        var bytes = await ReadBytesAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw StageException.BadInput($"{path} is missing");
        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw StageException.BadInput($"{path} is corrupted: {e.Message}", e);
        }
    }

    /// <summary>A document as gzip JSON bytes (deterministic: the gzip header carries no time).</summary>
    public static byte[] GzipJson<T>(T value, JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            JsonSerializer.Serialize(gzip, value, type);
        return buffer.ToArray();
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
