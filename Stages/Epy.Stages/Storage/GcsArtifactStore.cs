using Epy.Google.Storage;
using Google;

namespace Epy.Stages.Storage;

/// <summary>
/// An <see cref="IArtifactStore"/> over one Cloud Storage bucket through the shared adapter
/// <see cref="StorageBucket"/> (the official client): resumable uploads with hash checks,
/// <c>ifGenerationMatch=0</c> for write-once objects, downloads and paged listings, transient failures of
/// idempotent calls retried. Failures surface as <see cref="HttpRequestException"/> carrying the status,
/// which the stage program counts as transient.
/// </summary>
public sealed class GcsArtifactStore : IArtifactStore
{
    private readonly StorageBucket _bucket;

    /// <summary>Creates a store over <paramref name="bucket"/>.</summary>
    public GcsArtifactStore(StorageBucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        _bucket = bucket;
    }

    /// <summary>The bucket name.</summary>
    public string Bucket => _bucket.Name;

    /// <inheritdoc />
    public async Task WriteAsync(string path, Stream content, WriteMode mode, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        // A seekable copy lets a write-once upload be repeated after a transient failure.
        var spooled = content.CanSeek ? null : await SpoolAsync(content, cancellationToken).ConfigureAwait(false);
        await using (spooled)
        {
            var condition = mode == WriteMode.CreateOnly ? WriteCondition.DoesNotExist : WriteCondition.None;
            var landed = await TranslateAsync("upload", path, () => _bucket.UploadAsync(
                path, spooled ?? content, ArtifactContentTypes.For(path), condition, idempotent: false, cancellationToken)).ConfigureAwait(false);
            if (!landed)
                throw new ArtifactExistsException(path);
        }
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        var file = TempFile();
        try
        {
            if (!await TranslateAsync("download", path, () => _bucket.DownloadAsync(path, file, cancellationToken)).ConfigureAwait(false))
            {
                await file.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        return TranslateAsync("metadata", path, () => _bucket.ExistsAsync(path, cancellationToken));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        var pages = _bucket.ListAsync(prefix, delimiter: null, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (pages.ConfigureAwait(false))
        {
            while (await TranslateAsync("list", prefix, async () => await pages.MoveNextAsync().ConfigureAwait(false)).ConfigureAwait(false))
            {
                foreach (var item in pages.Current.Objects)
                    yield return item.Name;
            }
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        return TranslateAsync("delete", path, async () =>
        {
            await _bucket.DeleteAsync(path, cancellationToken).ConfigureAwait(false);
            return true;
        });
    }

    private static async Task<T> TranslateAsync<T>(string operation, string path, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (GoogleApiException failure)
        {
            var message = failure.Error?.Message ?? failure.Message;
            throw new HttpRequestException(
                $"Cloud Storage {operation} of '{path}' failed: {(int)failure.HttpStatusCode} {failure.HttpStatusCode}. {message}", failure, failure.HttpStatusCode);
        }
    }

    private static async Task<FileStream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        var file = TempFile();
        try
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static FileStream TempFile() => new(
        Path.Combine(Path.GetTempPath(), "epy-gcs-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
}
