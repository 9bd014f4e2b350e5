using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Epy.Cli.Targets;
using Epy.Google.Auth;

namespace Epy.Cli.Logs;

/// <summary>
/// Cloud Logging's <c>entries.list</c> (<c>POST {endpoint}v2/entries:list</c> with <c>resourceNames</c>,
/// <c>filter</c>, <c>orderBy</c>, <c>pageSize</c>, <c>pageToken</c>), following <c>nextPageToken</c>.
/// </summary>
public sealed class CloudLoggingClient(HttpClient http, IAccessTokenSource tokens, Uri endpoint, string project)
{
    /// <summary>The largest page Cloud Logging returns.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The entries matching <paramref name="filter"/>, oldest first, or (<paramref name="newestFirst"/>) newest
    /// first; at most <paramref name="limit"/> of them when given.
    /// </summary>
    public async Task<IReadOnlyList<LogLine>> ListAsync(string filter, bool newestFirst, int? limit, CancellationToken cancellationToken)
    {
        var lines = new List<LogLine>();
        if (limit is <= 0)
            return lines;
        string? pageToken = null;
        do
        {
            var pageSize = Math.Min(MaxPageSize, limit is { } l ? l - lines.Count : MaxPageSize);
            var body = new Dictionary<string, object>
            {
                ["resourceNames"] = new[] { $"projects/{project}" },
                ["filter"] = filter,
                ["orderBy"] = newestFirst ? "timestamp desc" : "timestamp asc",
                ["pageSize"] = pageSize,
            };
            if (pageToken is not null)
                body["pageToken"] = pageToken;
            using var page = await PostAsync(body, cancellationToken).ConfigureAwait(false);
            if (page.RootElement.TryGetProperty("entries", out var entries))
            {
                foreach (var entry in entries.EnumerateArray())
                    lines.Add(Read(entry));
            }
            pageToken = page.RootElement.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
        }
        while (!string.IsNullOrEmpty(pageToken) && (limit is not { } max || lines.Count < max));
        return lines;
    }

    private async Task<JsonDocument> PostAsync(Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "v2/entries:list")) { Content = JsonContent.Create(body) };
        if (await AccessTokens.GetAsync(tokens, cancellationToken).ConfigureAwait(false) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable)
        {
            throw CliException.Failed($"cannot reach Cloud Logging at {endpoint} ({unreachable.Message})", "check the network");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return JsonDocument.Parse(text);
            var detail = text.Length > 300 ? text[..300] : text;
            throw (int)response.StatusCode is 401 or 403
                ? CliException.Configuration($"Cloud Logging answered {(int)response.StatusCode}: {detail}", $"your account needs roles/logging.viewer on {project}; log in with 'gcloud auth application-default login'")
                : CliException.Failed($"Cloud Logging answered {(int)response.StatusCode}: {detail}", "try again; 429 and 5xx answers are usually passing");
        }
    }

    private static LogLine Read(JsonElement entry)
    {
        string? Label(string name) =>
            entry.TryGetProperty("labels", out var labels) && labels.TryGetProperty(name, out var value) ? value.GetString() : null;
        var message = entry.TryGetProperty("textPayload", out var text) ? text.GetString() ?? ""
            : entry.TryGetProperty("jsonPayload", out var json) ? (json.TryGetProperty("message", out var m) ? m.GetString() ?? "" : json.GetRawText())
            : "";
        DateTimeOffset? at = entry.TryGetProperty("timestamp", out var ts) && DateTimeOffset.TryParse(ts.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var severity = entry.TryGetProperty("severity", out var s) ? s.GetString() ?? "DEFAULT" : "DEFAULT";
        var insertId = entry.TryGetProperty("insertId", out var id) ? id.GetString() : null;
        return new LogLine(at, severity, Label("stage"), CloudLoggingFilter.TaskIndexOf(Label("task_id")), message.TrimEnd('\n'), insertId);
    }
}
