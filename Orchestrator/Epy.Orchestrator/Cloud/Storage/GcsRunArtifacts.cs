using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Auth;
using Epy.Orchestrator.Ports;
using Polly;
using Polly.Timeout;

namespace Epy.Orchestrator.Cloud.Storage;

/// <summary>
/// The run files the orchestrator touches, on Cloud Storage through the JSON API: the builder's manifest
/// (media read), <c>run_record.json</c> (multipart upload, replacing)
/// and the outputs listing (paged). Every call is idempotent and goes through <paramref name="resilience"/>,
/// built by <see cref="CloudResilience.Http"/> once per instance.
/// </summary>
public sealed class GcsRunArtifacts(HttpClient http, IAccessTokenSource tokens, string bucket, Uri baseUri, ResiliencePipeline<HttpResponseMessage> resilience) : IRunArtifacts
{
    /// <summary>The public JSON API endpoint.</summary>
    public static Uri DefaultBaseUri { get; } = new("https://storage.googleapis.com/");

    /// <summary>The resilience settings of Cloud Storage calls: the shared defaults.</summary>
    public static CloudResilienceOptions Resilience { get; } = new("Cloud Storage");

    /// <inheritdoc />
    public async Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, ObjectUri(paths.Manifest, "?alt=media")), cancellationToken).ConfigureAwait(false);
        var where = $"gs://{bucket}/{paths.Manifest}";
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw ManifestReader.Missing(where);
        await EnsureAsync(response, where, cancellationToken).ConfigureAwait(false);
        var json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return ManifestReader.TaskCount(json, where);
    }

    /// <inheritdoc />
    public async Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var path = paths.RunRecord;
        // Replacing the record is idempotent, so the upload may be retried.
        using var response = await SendAsync(() =>
        {
            var content = new MultipartContent("related", "epy-" + Guid.NewGuid().ToString("N"));
            content.Add(new StringContent(JsonSerializer.Serialize(new { name = path, contentType = "application/json" }), Encoding.UTF8, "application/json"));
            var media = new ByteArrayContent(json.ToArray());
            media.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(media);
            return new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"upload/storage/v1/b/{Escape(bucket)}/o?uploadType=multipart")) { Content = content };
        }, cancellationToken).ConfigureAwait(false);
        await EnsureAsync(response, $"gs://{bucket}/{path}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var names = new List<string>();
        string? pageToken = null;
        do
        {
            var query = $"?prefix={Escape(paths.Outputs)}" + (pageToken is null ? "" : $"&pageToken={Escape(pageToken)}");
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, $"storage/v1/b/{Escape(bucket)}/o{query}")), cancellationToken).ConfigureAwait(false);
            await EnsureAsync(response, $"gs://{bucket}/{paths.Outputs}", cancellationToken).ConfigureAwait(false);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (page.RootElement.TryGetProperty("items", out var items))
            {
                foreach (var item in items.EnumerateArray())
                    names.Add(item.GetProperty("name").GetString()!);
            }
            pageToken = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(pageToken));
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <inheritdoc />
    public async Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        OutputFileName.Check(name);
        var path = paths.Outputs + name;
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, ObjectUri(path, "?alt=media")), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await EnsureAsync(response, $"gs://{bucket}/{path}", cancellationToken).ConfigureAwait(false);
        // The response is read whole already (the retries need a finished one); output files are small enough for that.
        return new MemoryStream(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), writable: false);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await resilience.ExecuteAsync(async ct =>
            {
                using var message = request();
                if (await tokens.GetAccessTokenAsync(ct).ConfigureAwait(false) is { } token)
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (CloudResilience.IsBrokenCircuit(failure))
        {
            throw new CommandFailedException("Cloud Storage kept failing; not calling it for a while", permanent: false, failure);
        }
        catch (TimeoutRejectedException failure)
        {
            throw new CommandFailedException($"Cloud Storage did not answer in time: {failure.Message}", permanent: false, failure);
        }
        if (CloudResilience.IsTransient(response.StatusCode))
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new CommandFailedException($"Cloud Storage answered {(int)status}", permanent: false);
        }
        return response;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string where, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new CommandFailedException($"{where}: Cloud Storage answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}",
            permanent: response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized or HttpStatusCode.NotFound);
    }

    private Uri ObjectUri(string path, string query) => new(baseUri, $"storage/v1/b/{Escape(bucket)}/o/{Escape(path)}{query}");

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
