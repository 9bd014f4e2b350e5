using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Epy.Cli.Targets;
using Epy.Orchestrator.Cloud.Auth;

namespace Epy.Cli.Storage;

/// <summary>
/// A Cloud Storage bucket through the JSON API: <c>objects.list</c> (with <c>delimiter=/</c> for folders,
/// paged by <c>nextPageToken</c>) and media downloads (<c>alt=media</c>).
/// </summary>
public sealed class GcsBucketReader(HttpClient http, IAccessTokenSource tokens, string bucket, Uri baseUri) : IBucketReader
{
    /// <inheritdoc />
    public async Task<BucketListing> ListAsync(string prefix, bool delimited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var objects = new List<BucketObject>();
        var prefixes = new List<string>();
        string? pageToken = null;
        do
        {
            var query = $"?prefix={Escape(prefix)}" + (delimited ? "&delimiter=%2F" : "") + (pageToken is null ? "" : $"&pageToken={Escape(pageToken)}");
            using var response = await SendAsync(new Uri(baseUri, $"storage/v1/b/{Escape(bucket)}/o{query}"), HttpCompletionOption.ResponseContentRead, prefix, cancellationToken).ConfigureAwait(false);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (page.RootElement.TryGetProperty("items", out var items))
            {
                foreach (var item in items.EnumerateArray())
                {
                    var size = item.TryGetProperty("size", out var s) && long.TryParse(s.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
                    objects.Add(new BucketObject(item.GetProperty("name").GetString()!, size));
                }
            }
            if (page.RootElement.TryGetProperty("prefixes", out var folders))
                prefixes.AddRange(folders.EnumerateArray().Select(p => p.GetString()!));
            pageToken = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(pageToken));
        objects.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        prefixes.Sort(StringComparer.Ordinal);
        return new BucketListing(objects, prefixes);
    }

    /// <inheritdoc />
    public async Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new Uri(baseUri, $"storage/v1/b/{Escape(bucket)}/o/{Escape(name)}?alt=media"), HttpCompletionOption.ResponseHeadersRead, name, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
            await body.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, HttpCompletionOption completion, string name, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (await AccessTokens.GetAsync(tokens, cancellationToken).ConfigureAwait(false) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable)
        {
            throw CliException.Failed($"cannot reach Cloud Storage at {baseUri} ({unreachable.Message})", "check the network, or STORAGE_EMULATOR_HOST");
        }
        if (response.IsSuccessStatusCode)
            return response;
        var status = response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        response.Dispose();
        var where = $"gs://{bucket}/{name}";
        throw status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => CliException.Configuration(
                $"{where}: Cloud Storage answered {(int)status}: {Brief(text)}", $"check that your account may read the bucket (roles/storage.objectViewer); log in again with 'gcloud auth application-default login'"),
            HttpStatusCode.NotFound => CliException.Failed($"{where}: not found", "check --bucket and --dir-prefix"),
            _ => CliException.Failed($"{where}: Cloud Storage answered {(int)status}: {Brief(text)}", "try again; a 5xx or 429 answer is usually passing"),
        };
    }

    private static string Brief(string text) => text.Length > 200 ? text[..200] : text;

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
