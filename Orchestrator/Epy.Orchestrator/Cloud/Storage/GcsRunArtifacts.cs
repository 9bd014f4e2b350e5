using System.Net;
using Epy.Contracts.Runs;
using Epy.Google.Storage;
using Epy.Orchestrator.Ports;
using Google;
using Polly.Timeout;

namespace Epy.Orchestrator.Cloud.Storage;

/// <summary>
/// The run files the orchestrator touches, on Cloud Storage through the shared adapter
/// <see cref="StorageBucket"/> (the official client): the builder's manifest (bounded read, parsed by
/// <see cref="ManifestReader"/>), <c>run_record.json</c> (replacing upload, retried: replacing it is idempotent) and the
/// outputs and task results listings (paged). Failures become <see cref="CommandFailedException"/>s, permanent for
/// 400/401/403/404.
/// </summary>
public sealed class GcsRunArtifacts(StorageBucket bucket) : IRunArtifacts, IRunFiles
{
    /// <summary>The most a manifest or an output file read here may hold.</summary>
    public const long MaxObjectBytes = 64L * 1024 * 1024;

    /// <summary>The public JSON API endpoint.</summary>
    public static Uri DefaultBaseUri { get; } = new("https://storage.googleapis.com/");

    /// <inheritdoc />
    public async Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var where = Where(paths.Manifest);
        var bytes = await CallAsync(where, () => bucket.ReadAsync(paths.Manifest, MaxObjectBytes, cancellationToken)).ConfigureAwait(false)
            ?? throw ManifestReader.Missing(where);
        return ManifestReader.TaskCount(bytes, where);
    }

    /// <inheritdoc />
    public async Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var content = new MemoryStream(json.ToArray(), writable: false);
        await CallAsync(Where(paths.RunRecord), () => bucket.UploadAsync(
            paths.RunRecord, content, "application/json", WriteCondition.None, idempotent: true, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var names = await CallAsync(Where(paths.Outputs), async () =>
        {
            var found = new List<string>();
            await foreach (var page in bucket.ListAsync(paths.Outputs, delimiter: null, cancellationToken).ConfigureAwait(false))
                found.AddRange(page.Objects.Select(o => o.Name));
            return found;
        }).ConfigureAwait(false);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var indices = await CallAsync(Where(paths.TaskResults), async () =>
        {
            var found = new List<int>();
            await foreach (var page in bucket.ListAsync(paths.TaskResults, delimiter: null, cancellationToken).ConfigureAwait(false))
                found.AddRange(page.Objects.Select(o => paths.TaskResultIndex(o.Name)).OfType<int>());
            return found;
        }).ConfigureAwait(false);
        indices.Sort();
        return indices;
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        OutputFileName.Check(name);
        var path = paths.Outputs + name;
        var bytes = await CallAsync(Where(path), () => bucket.ReadAsync(path, MaxObjectBytes, cancellationToken)).ConfigureAwait(false);
        return bytes is null ? null : new MemoryStream(bytes, writable: false);
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(ArtifactPaths paths, string relativePath, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        RunFilePath.Check(relativePath);
        var path = paths.Root + relativePath;
        try
        {
            return await CallAsync(Where(path), () => bucket.ReadAsync(path, Math.Min(maxBytes, MaxObjectBytes), cancellationToken)).ConfigureAwait(false);
        }
        catch (ObjectTooLargeException tooLarge)
        {
            throw new CommandFailedException($"{Where(path)}: {tooLarge.Message}", permanent: true, tooLarge);
        }
    }

    private string Where(string path) => $"gs://{bucket.Name}/{path}";

    private static async Task<T> CallAsync<T>(string where, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (GoogleApiException failure)
        {
            var status = failure.HttpStatusCode;
            throw new CommandFailedException($"{where}: Cloud Storage answered {(int)status}: {failure.Error?.Message ?? failure.Message}",
                permanent: status is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, failure);
        }
        catch (TimeoutRejectedException failure)
        {
            throw new CommandFailedException($"Cloud Storage did not answer in time: {failure.Message}", permanent: false, failure);
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException && failure is not ObjectTooLargeException)
        {
            throw new CommandFailedException($"{where}: Cloud Storage could not be reached: {failure.Message}", permanent: false, failure);
        }
    }
}
