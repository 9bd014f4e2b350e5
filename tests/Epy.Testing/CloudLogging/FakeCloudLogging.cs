using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Epy.Testing.CloudLogging;

/// <summary>
/// Cloud Logging's <c>entries.list</c> (<c>POST /v2/entries:list</c>) on 127.0.0.1, holding entries in memory and
/// enforcing the documented request: a bearer token, <c>resourceNames</c> naming the project, <c>orderBy</c>
/// <c>timestamp asc|desc</c> only, <c>pageSize</c> at most 1,000, a <c>pageToken</c> only as it issued it for the
/// same query, and a filter in the subset of the logging query language the CLI uses (comparisons of
/// <c>logName</c>, <c>labels.KEY</c>, <c>severity</c> and <c>timestamp</c> joined by AND); anything else is a 400.
/// It may answer fewer entries than asked, with a <c>nextPageToken</c>, as the real service does.
/// </summary>
public sealed partial class FakeCloudLogging : IAsyncDisposable
{
    public const string Token = "fake-logging-token";
    private static readonly string[] Severities = ["DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"];
    private readonly List<FakeLogEntry> _entries = [];
    private readonly Lock _gate = new();
    private readonly WebApplication _app;
    private int _inserted;

    private FakeCloudLogging(string project)
    {
        Project = project;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public string Project { get; }

    /// <summary>The API root, ending in '/'.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The most entries one page holds, whatever the page size asked.</summary>
    public int MaxPage { get; set; } = 1000;

    /// <summary>Every request body received, in order.</summary>
    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public static async Task<FakeCloudLogging> StartAsync(string project = "test-project")
    {
        var fake = new FakeCloudLogging(project);
        await fake._app.StartAsync();
        fake.Endpoint = new Uri(fake._app.Urls.Single().TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Adds a Batch task log entry of a job labelled like the orchestrator's jobs.</summary>
    public void AddTaskLine(string runId, string stage, int task, DateTimeOffset at, string text, string severity = "INFO")
    {
        lock (_gate)
        {
            var id = ++_inserted;
            _entries.Add(new FakeLogEntry($"projects/{Project}/logs/batch_task_logs", at, severity, text,
                new Dictionary<string, string>
                {
                    ["run_id"] = runId,
                    ["stage"] = stage,
                    ["exp_id"] = "flu-example",
                    ["job_uid"] = $"stage-x-{id}",
                    ["task_id"] = $"task/stage-{stage[0]}-uid-group0-{task}/0/0",
                }, $"insert-{id:D6}"));
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var (status, body) = await AnswerAsync(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private async Task<(int Status, object Body)> AnswerAsync(HttpContext context)
    {
        if (context.Request.Method != "POST" || context.Request.Path != "/v2/entries:list")
            return Error(404, $"no route {context.Request.Method} {context.Request.Path}");
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
            return Error(401, "Request had invalid authentication credentials.");
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        JsonElement request;
        try
        {
            request = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
        }
        catch (JsonException bad)
        {
            return Error(400, $"Invalid JSON payload received. {bad.Message}");
        }
        Requests.Enqueue(request);
        if (!request.TryGetProperty("resourceNames", out var names) || names.ValueKind != JsonValueKind.Array
            || names.EnumerateArray().Select(n => n.GetString()).ToList() is not [{ } name] || name != $"projects/{Project}")
            return Error(400, $"resourceNames must be [\"projects/{Project}\"]");
        var filter = request.TryGetProperty("filter", out var f) ? f.GetString() ?? "" : "";
        var orderBy = request.TryGetProperty("orderBy", out var o) ? o.GetString() : "timestamp asc";
        if (orderBy is not ("timestamp asc" or "timestamp desc"))
            return Error(400, $"invalid orderBy '{orderBy}': only \"timestamp asc\" and \"timestamp desc\" are allowed");
        var pageSize = request.TryGetProperty("pageSize", out var p) ? p.GetInt32() : 50;
        if (pageSize is < 1 or > 1000)
            return Error(400, $"pageSize {pageSize} is out of range [1, 1000]");
        List<Func<FakeLogEntry, bool>> terms;
        try
        {
            terms = Parse(filter);
        }
        catch (FormatException bad)
        {
            return Error(400, $"Unparseable filter: {bad.Message}");
        }
        var skip = 0;
        if (request.TryGetProperty("pageToken", out var token))
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token.GetString()!)).Split('\n');
            if (parts.Length != 3 || parts[0] != filter || parts[1] != orderBy)
                return Error(400, "page token does not match the request (filter and orderBy must not change between pages)");
            skip = int.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        List<FakeLogEntry> matching;
        lock (_gate)
        {
            var ordered = _entries.Where(e => terms.All(t => t(e))).OrderBy(e => e.Timestamp).ThenBy(e => e.InsertId, StringComparer.Ordinal);
            matching = [.. orderBy == "timestamp desc" ? ordered.Reverse() : ordered];
        }
        var page = matching.Skip(skip).Take(Math.Min(pageSize, MaxPage)).ToList();
        var body = new Dictionary<string, object>
        {
            ["entries"] = page.Select(e => new Dictionary<string, object>
            {
                ["logName"] = e.LogName,
                ["timestamp"] = e.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
                ["severity"] = e.Severity,
                ["textPayload"] = e.Text,
                ["labels"] = e.Labels,
                ["insertId"] = e.InsertId,
                ["resource"] = new { type = "generic_task" },
            }).ToList(),
        };
        if (skip + page.Count < matching.Count)
            body["nextPageToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{filter}\n{orderBy}\n{skip + page.Count}"));
        return (200, body);
    }

    private static List<Func<FakeLogEntry, bool>> Parse(string filter)
    {
        var terms = new List<Func<FakeLogEntry, bool>>();
        if (filter.Trim().Length == 0)
            return terms;
        foreach (var text in filter.Split(" AND "))
        {
            var match = Term().Match(text.Trim());
            if (!match.Success)
                throw new FormatException($"'{text}' is not a comparison this fake understands");
            var (field, op, raw) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
            var value = raw.StartsWith('"') ? raw[1..^1] : raw;
            terms.Add(field switch
            {
                "logName" when op == "=" => e => e.LogName == value,
                "severity" when Array.IndexOf(Severities, value) >= 0 => e => Compare(Array.IndexOf(Severities, e.Severity), Array.IndexOf(Severities, value), op),
                "timestamp" => e => Compare(e.Timestamp.CompareTo(DateTimeOffset.Parse(value, CultureInfo.InvariantCulture)), 0, op),
                _ when field.StartsWith("labels.", StringComparison.Ordinal) && op is "=" or ":" =>
                    e => e.Labels.TryGetValue(field["labels.".Length..], out var v) && (op == "=" ? v == value : v.Contains(value, StringComparison.Ordinal)),
                _ => throw new FormatException($"'{text}': unsupported field or operator"),
            });
        }
        return terms;
    }

    private static bool Compare(int left, int right, string op) => op switch
    {
        "=" => left == right,
        ">=" => left >= right,
        ">" => left > right,
        "<=" => left <= right,
        "<" => left < right,
        _ => throw new FormatException($"operator {op}"),
    };

    private static (int, object) Error(int status, string message) => (status, new { error = new { code = status, message, status = status == 400 ? "INVALID_ARGUMENT" : "UNAUTHENTICATED" } });

    [GeneratedRegex("^([A-Za-z_.]+)(>=|<=|=|:|>|<)(\"[^\"]*\"|[A-Z]+)$")]
    private static partial Regex Term();
}
