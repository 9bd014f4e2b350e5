using System.Net;
using Epy.Google.Storage;
using Google;
using Polly.Timeout;

namespace Epy.Cli.Storage;

/// <summary>
/// A Cloud Storage bucket through the shared adapter <see cref="StorageBucket"/> (the official client):
/// paged listings (delimited by '/' for folders) and downloads, transient failures retried. Failures become
/// <see cref="CliException"/>s that say what to check.
/// </summary>
public sealed class GcsBucketReader(StorageBucket bucket) : IBucketReader
{
    /// <inheritdoc />
    public async Task<BucketListing> ListAsync(string prefix, bool delimited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var objects = new List<BucketObject>();
        var prefixes = new List<string>();
        await CallAsync(prefix, async () =>
        {
            await foreach (var page in bucket.ListAsync(prefix, delimited ? "/" : null, cancellationToken).ConfigureAwait(false))
            {
                objects.AddRange(page.Objects.Select(o => new BucketObject(o.Name, o.Size)));
                prefixes.AddRange(page.Prefixes);
            }
            return true;
        }).ConfigureAwait(false);
        objects.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        prefixes.Sort(StringComparer.Ordinal);
        return new BucketListing(objects, prefixes);
    }

    /// <inheritdoc />
    public async Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken)
    {
        if (!await CallAsync(name, () => bucket.DownloadAsync(name, destination, cancellationToken)).ConfigureAwait(false))
            throw NotFound(name);
    }

    private async Task<T> CallAsync<T>(string name, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (GoogleApiException failure)
        {
            var status = failure.HttpStatusCode;
            var answer = $"{Where(name)}: Cloud Storage answered {(int)status}: {Brief(failure.Error?.Message ?? failure.Message)}";
            throw status switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => CliException.Configuration(
                    answer, "check that your account may read the bucket (roles/storage.objectViewer); log in again with 'gcloud auth application-default login'"),
                HttpStatusCode.NotFound => NotFound(name),
                _ => CliException.Failed(answer, "try again; a 5xx or 429 answer is usually passing"),
            };
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TimeoutRejectedException or (IOException and not ObjectTooLargeException))
        {
            throw CliException.Failed($"cannot reach Cloud Storage for gs://{bucket.Name}/ ({unreachable.Message})", "check the network, or STORAGE_EMULATOR_HOST");
        }
    }

    private CliException NotFound(string name) => CliException.Failed($"{Where(name)}: not found", "check --bucket and --dir-prefix");

    private string Where(string name) => $"gs://{bucket.Name}/{name}";

    private static string Brief(string text) => text.Length > 200 ? text[..200] : text;
}
