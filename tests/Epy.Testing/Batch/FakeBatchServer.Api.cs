using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Epy.Testing.Batch;

/// <summary>The fake's REST methods (jobs.create, jobs.get, jobs.cancel, tasks.list) and how it renders resources and errors.</summary>
public sealed partial class FakeBatchServer
{
    private IResult Create(string location, HttpContext context)
    {
        if (NoQuery(context, "jobId", "job_id", "requestId", "request_id") is { } badQuery)
            return badQuery;
        var query = context.Request.Query;
        var jobId = query["jobId"].FirstOrDefault() ?? query["job_id"].FirstOrDefault();
        var requestId = query["requestId"].FirstOrDefault() ?? query["request_id"].FirstOrDefault();
        if (jobId is not null && !FakeBatchSchema.JobIdRule().IsMatch(jobId))
            return Error(400, $"job_id '{jobId}' must match ^[a-z]([a-z0-9-]{{0,61}}[a-z0-9])?$ (at most 63 lowercase letters, digits and '-', starting with a letter)");
        if (requestId is not null && (!Guid.TryParseExact(requestId, "D", out var parsed) || parsed == Guid.Empty))
            return Error(400, $"request_id '{requestId}' must be a valid UUID other than the zero UUID");

        JsonNode? body;
        try
        {
            context.Request.Body.Position = 0;
            body = JsonNode.Parse(new StreamReader(context.Request.Body).ReadToEnd());
        }
        catch (JsonException failure)
        {
            return Error(400, $"Invalid JSON payload received. {failure.Message}");
        }
        var problems = FakeBatchSchema.Validate(body, location);
        if (problems.Count > 0)
            return Error(400, string.Join("\n", problems));

        lock (_gate)
        {
            if (requestId is not null && _byRequestId.TryGetValue(requestId, out var earlier))
                return Json(Render(earlier));
            jobId ??= "j-" + Guid.NewGuid().ToString("N")[..24];
            if (_jobs.ContainsKey(jobId))
                return Error(409, $"Job projects/{_options.Project}/locations/{location}/jobs/{jobId} already exists.");
            var job = NewJob(jobId, location, requestId, (JsonObject)body!);
            _jobs[jobId] = job;
            if (requestId is not null)
                _byRequestId[requestId] = job;
            Notify(job, "STATE_UNSPECIFIED", "QUEUED");
            job.Execution = Task.Run(() => ExecuteAsync(job));
            return Json(Render(job));
        }
    }

    private IResult Get(string location, string jobId)
    {
        lock (_gate)
            return _jobs.TryGetValue(jobId, out var job) && job.Region == location ? Json(Render(job)) : JobNotFound(location, jobId);
    }

    private IResult Cancel(string location, string target, HttpContext context)
    {
        if (NoQuery(context) is { } badQuery)
            return badQuery;
        if (!target.EndsWith(":cancel", StringComparison.Ordinal))
            return Error(404, $"Method not found: POST {context.Request.Path}");
        var jobId = target[..^":cancel".Length];
        string? requestId = null;
        context.Request.Body.Position = 0;
        var text = new StreamReader(context.Request.Body).ReadToEnd();
        if (text.Length > 0)
        {
            if (JsonNode.Parse(text) is not JsonObject request || request.Any(p => p.Key != "requestId"))
                return Error(400, "Invalid JSON payload received. The CancelJobRequest body holds only requestId.");
            requestId = request["requestId"]?.GetValue<string>();
        }
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.Region != location)
                return JobNotFound(location, jobId);
            if (job.CancelOperation is { } operation && (requestId is null || requestId == job.CancelRequestId))
                return Json(Operation(job, operation));
            if (job.IsFinal || job.State == "CANCELLATION_IN_PROGRESS")
                return Error(400, $"Job {job.Name} is in state {job.State} and cannot be cancelled.", "FAILED_PRECONDITION");
            job.CancelOperation = $"projects/{_options.Project}/locations/{location}/operations/operation-{Guid.NewGuid():N}";
            job.CancelRequestId = requestId;
            SetState(job, "CANCELLATION_IN_PROGRESS");
            job.Cancel.Cancel();
            return Json(Operation(job, job.CancelOperation));
        }
    }

    private IResult ListTasks(string location, string jobId, string group, HttpContext context)
    {
        if (NoQuery(context, "filter", "pageSize", "page_size", "pageToken", "page_token") is { } badQuery)
            return badQuery;
        var query = context.Request.Query;
        var filter = query["filter"].FirstOrDefault();
        string? state = null;
        if (!string.IsNullOrEmpty(filter))
        {
            if (!filter.StartsWith("State=", StringComparison.Ordinal) || !FakeBatchSchema.TaskStates.Contains(filter["State=".Length..]))
                return Error(400, $"Invalid filter '{filter}': use State=TaskStatus.State, e.g. State=RUNNING");
            state = filter["State=".Length..];
        }
        var sizeText = query["pageSize"].FirstOrDefault() ?? query["page_size"].FirstOrDefault();
        var size = _options.MaxPageSize;
        if (sizeText is not null)
        {
            if (!int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var asked) || asked < 0)
                return Error(400, $"Invalid page_size '{sizeText}'");
            size = asked == 0 ? _options.MaxPageSize : Math.Min(asked, _options.MaxPageSize);
        }
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.Region != location)
                return JobNotFound(location, jobId);
            if (group != "group0")
                return Error(404, $"Task group {job.Name}/taskGroups/{group} not found.");
            var offset = 0;
            var token = query["pageToken"].FirstOrDefault() ?? query["page_token"].FirstOrDefault();
            if (!string.IsNullOrEmpty(token) && !TryReadPageToken(token, job, filter ?? "", out offset))
                return Error(400, "Invalid page token.");
            var matching = job.Tasks.Where(t => state is null || t.State == state).OrderBy(t => t.Index).ToList();
            var page = matching.Skip(offset).Take(size).ToList();
            var response = new JsonObject();
            if (page.Count > 0)
                response["tasks"] = new JsonArray([.. page.Select(t => (JsonNode)RenderTask(job, t))]);
            if (offset + page.Count < matching.Count)
                response["nextPageToken"] = PageToken(job, filter ?? "", offset + page.Count);
            return Json(response);
        }
    }

    private static string PageToken(FakeBatchJob job, string filter, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{job.Uid}|{filter}|{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryReadPageToken(string token, FakeBatchJob job, string filter, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            return parts.Length == 3 && parts[0] == job.Uid && parts[1] == filter
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private IResult JobNotFound(string location, string jobId) =>
        Error(404, $"Job projects/{_options.Project}/locations/{location}/jobs/{jobId} not found.");

    private static IResult Json(JsonNode node, int status = 200) =>
        Results.Text(node.ToJsonString(), "application/json; charset=UTF-8", Encoding.UTF8, status);

    private static IResult Error(int code, string message, string? status = null) =>
        Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["status"] = status ?? code switch
                {
                    400 => "INVALID_ARGUMENT",
                    401 => "UNAUTHENTICATED",
                    403 => "PERMISSION_DENIED",
                    404 => "NOT_FOUND",
                    409 => "ALREADY_EXISTS",
                    429 => "RESOURCE_EXHAUSTED",
                    503 => "UNAVAILABLE",
                    504 => "DEADLINE_EXCEEDED",
                    _ => "INTERNAL",
                },
            },
        }, code);

    private static JsonObject Render(FakeBatchJob job)
    {
        var json = new JsonObject { ["name"] = job.Name, ["uid"] = job.Uid };
        foreach (var (key, value) in job.Body)
        {
            if (key is not ("name" or "uid" or "status" or "createTime" or "updateTime"))
                json[key] = value?.DeepClone();
        }
        var group = (JsonObject)json["taskGroups"]![0]!;
        group["name"] = $"{job.Name}/taskGroups/group0";
        group["taskCount"] ??= job.Tasks.Length.ToString(CultureInfo.InvariantCulture);
        json["status"] = new JsonObject
        {
            ["state"] = job.State,
            ["statusEvents"] = new JsonArray([.. job.StatusEvents.Select(e => e.DeepClone())]),
            ["taskGroups"] = new JsonObject { ["group0"] = new JsonObject { ["counts"] = job.Counts() } },
        };
        json["createTime"] = Timestamp(job.CreateTime);
        json["updateTime"] = Timestamp(job.UpdateTime);
        return json;
    }

    private static JsonObject RenderTask(FakeBatchJob job, FakeBatchTask task) => new()
    {
        ["name"] = $"{job.Name}/taskGroups/group0/tasks/{task.Index.ToString(CultureInfo.InvariantCulture)}",
        ["status"] = new JsonObject
        {
            ["state"] = task.State,
            ["statusEvents"] = new JsonArray([.. task.StatusEvents.Select(e => e.DeepClone())]),
        },
    };

    private JsonObject Operation(FakeBatchJob job, string name) => new()
    {
        ["name"] = name,
        ["metadata"] = new JsonObject
        {
            ["@type"] = "type.googleapis.com/google.cloud.batch.v1.OperationMetadata",
            ["createTime"] = Timestamp(_options.Time.GetUtcNow()),
            ["target"] = job.Name,
            ["verb"] = "cancel",
            ["requestedCancellation"] = false,
            ["apiVersion"] = "v1",
        },
        ["done"] = false,
    };

    private static JsonObject Event(string description, DateTimeOffset time) => new()
    {
        ["type"] = "STATUS_CHANGED",
        ["description"] = description,
        ["eventTime"] = Timestamp(time),
    };

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
