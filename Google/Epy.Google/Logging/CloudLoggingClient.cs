using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Epy.Google.Auth;

namespace Epy.Google.Logging;

/// <summary>
/// Cloud Logging's <c>entries.list</c> (<c>POST {endpoint}v2/entries:list</c> with <c>resourceNames</c>,
/// <c>filter</c>, <c>orderBy</c>, <c>pageSize</c>, <c>pageToken</c>), following <c>nextPageToken</c>.
/// A refusal or an unreachable endpoint is a <see cref="CloudLoggingException"/>; a token source that finds no
/// credentials throws its own exception.
/// </summary>
/// <param name="http">The client; its lifetime is the caller's.</param>
/// <param name="tokens">Where access tokens come from.</param>
/// <param name="endpoint">The API's base address (<c>https://logging.googleapis.com/</c>, or a fake's).</param>
public sealed class CloudLoggingClient(HttpClient http, IAccessTokenSource tokens, Uri endpoint)
{
    /// <summary>The largest page Cloud Logging returns.</summary>
    public const int MaxPageSize = 1000;

    private const int DetailLength = 300;

    /// <summary>The entries matching <paramref name="query"/>, in its order, at most its limit of them.</summary>
    public async Task<IReadOnlyList<LogEntry>> ListAsync(LogEntriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = new List<LogEntry>();
        if (query.Limit is <= 0)
            return entries;
        string? pageToken = null;
        do
        {
            var pageSize = Math.Min(MaxPageSize, query.Limit is { } l ? l - entries.Count : MaxPageSize);
            var body = new Dictionary<string, object>
            {
                ["resourceNames"] = new[] { $"projects/{query.Project}" },
                ["filter"] = query.Filter,
                ["orderBy"] = query.NewestFirst ? "timestamp desc" : "timestamp asc",
                ["pageSize"] = pageSize,
            };
            if (pageToken is not null)
                body["pageToken"] = pageToken;
            using var page = await PostAsync(body, cancellationToken).ConfigureAwait(false);
            if (page.RootElement.TryGetProperty("entries", out var found))
            {
                foreach (var entry in found.EnumerateArray())
                    entries.Add(Read(entry));
            }
            pageToken = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(pageToken) && (query.Limit is not { } max || entries.Count < max));
        return entries;
    }

    private async Task<JsonDocument> PostAsync(Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "v2/entries:list")) { Content = JsonContent.Create(body) };
        if (await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable)
        {
            throw new CloudLoggingException(null, $"cannot reach Cloud Logging at {endpoint} ({unreachable.Message})", unreachable);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return JsonDocument.Parse(text);
            var detail = text.Length > DetailLength ? text[..DetailLength] : text;
            throw new CloudLoggingException(response.StatusCode, $"Cloud Logging answered {(int)response.StatusCode}: {detail}");
        }
    }

    private static LogEntry Read(JsonElement entry)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (entry.TryGetProperty("labels", out var found) && found.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in found.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                    labels[label.Name] = label.Value.GetString()!;
            }
        }
        var message = entry.TryGetProperty("textPayload", out var text) ? text.GetString() ?? ""
            : entry.TryGetProperty("jsonPayload", out var json) ? (json.TryGetProperty("message", out var m) ? m.GetString() ?? "" : json.GetRawText())
            : "";
        DateTimeOffset? at = entry.TryGetProperty("timestamp", out var ts) && DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var severity = entry.TryGetProperty("severity", out var s) ? s.GetString() ?? "DEFAULT" : "DEFAULT";
        var insertId = entry.TryGetProperty("insertId", out var id) ? id.GetString() : null;
        return new LogEntry(at, severity, labels, message.TrimEnd('\n'), insertId);
    }
}
