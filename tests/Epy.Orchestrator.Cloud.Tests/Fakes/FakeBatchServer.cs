using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Epy.Orchestrator.Cloud.Tests.Fakes;

/// <summary>
/// A faithful fake of Cloud Batch's REST v1 jobs API on Kestrel (127.0.0.1, a free port), for the one
/// thing that cannot run here. It enforces what the reference documents: the job id rule, request id
/// dedupe (same request id: the same job; same job id from another request: 409 ALREADY_EXISTS), the
/// Job schema (see <see cref="FakeBatchSchema"/>), QUEUED → SCHEDULED → RUNNING → SUCCEEDED/FAILED with
/// <c>status.taskGroups.group0.counts</c>, task listing with <c>State=</c> filters and paging, and cancel
/// (CANCELLATION_IN_PROGRESS → CANCELLED). Each task runs as a local process
/// (<see cref="FakeBatchServerOptions.TaskCommand"/>), retried per <c>lifecyclePolicies</c> and
/// <c>maxRetryCount</c>, and every job state change goes to the <see cref="IBatchNotifier"/>.
/// </summary>
public sealed partial class FakeBatchServer : IAsyncDisposable
{
    private readonly FakeBatchServerOptions _options;
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeBatchJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeBatchJob> _byRequestId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeBatchRequest> _requests = new();
    private readonly Queue<(HttpStatusCode Status, TimeSpan? RetryAfter)> _faults = new();
    private readonly Queue<TimeSpan> _stalls = new();
    private readonly Channel<BatchNotification> _notifications = Channel.CreateUnbounded<BatchNotification>();
    private readonly TaskCompletionSource _queueReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _notifying = Task.CompletedTask;
    private volatile bool _stopping;

    private FakeBatchServer(FakeBatchServerOptions options, WebApplication app, string logs)
    {
        _options = options;
        _app = app;
        LogsDirectory = logs;
    }

    /// <summary>The fake's base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where task logs go: <c>{job}/task-{index}-retry-{n}.log</c>.</summary>
    public string LogsDirectory { get; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<FakeBatchRequest> Requests => [.. _requests];

    /// <summary>How many jobs exist.</summary>
    public int JobCount
    {
        get
        {
            lock (_gate)
                return _jobs.Count;
        }
    }

    /// <summary>Starts a fake with <paramref name="options"/>.</summary>
    public static async Task<FakeBatchServer> StartAsync(FakeBatchServerOptions? options = null)
    {
        options ??= new FakeBatchServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var logs = options.LogsDirectory ?? Path.Combine(Path.GetTempPath(), "fake-batch-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        var server = new FakeBatchServer(options, app, logs);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        server._notifying = Task.Run(server.DeliverNotificationsAsync);
        return server;
    }

    /// <summary>Makes the next <paramref name="times"/> requests fail with <paramref name="status"/> (and a <c>Retry-After</c>).</summary>
    public void FailNext(HttpStatusCode status, int times = 1, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < times; i++)
                _faults.Enqueue((status, retryAfter));
        }
    }

    /// <summary>
    /// Makes the next request wait <paramref name="delay"/> before it is handled, even if the client gives
    /// up meanwhile (as a server that is slow but still does the work).
    /// </summary>
    public void StallNext(TimeSpan delay)
    {
        lock (_gate)
            _stalls.Enqueue(delay);
    }

    /// <summary>Lets jobs held in the queue (<see cref="FakeBatchServerOptions.HoldQueue"/>) go on.</summary>
    public void ReleaseQueue() => _queueReleased.TrySetResult();

    /// <summary>A job's Batch state, or null when it does not exist.</summary>
    public string? JobState(string jobId)
    {
        lock (_gate)
            return _jobs.TryGetValue(jobId, out var job) ? job.State : null;
    }

    /// <summary>A job's task states by index.</summary>
    public IReadOnlyList<string> TaskStates(string jobId)
    {
        lock (_gate)
            return [.. _jobs[jobId].Tasks.Select(t => t.State)];
    }

    /// <summary>The job as the API returns it.</summary>
    public JsonObject Job(string jobId)
    {
        lock (_gate)
            return Render(_jobs[jobId]);
    }

    /// <summary>Waits until the job's state satisfies <paramref name="done"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForStateAsync(string jobId, Func<string, bool> done, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (JobState(jobId) is { } state && done(state))
                return state;
            if (waited.Elapsed > timeout)
                throw new TimeoutException($"job {jobId} is {JobState(jobId) ?? "missing"} after {timeout}");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the job is SUCCEEDED, FAILED or CANCELLED.</summary>
    public Task<string> WaitForFinalAsync(string jobId, TimeSpan? timeout = null) =>
        WaitForStateAsync(jobId, state => state is "SUCCEEDED" or "FAILED" or "CANCELLED", timeout ?? TimeSpan.FromSeconds(30));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        Task[] executions;
        lock (_gate)
        {
            foreach (var job in _jobs.Values)
                job.Cancel.Cancel();
            executions = [.. _jobs.Values.Select(j => j.Execution)];
        }
        await Task.WhenAll(executions);
        _notifications.Writer.TryComplete();
        await _notifying;
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_gate)
        {
            foreach (var job in _jobs.Values)
                job.Cancel.Dispose();
        }
        if (_options.LogsDirectory is null)
        {
            try
            {
                Directory.Delete(LogsDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            _requests.Enqueue(new FakeBatchRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(), body));
            (HttpStatusCode Status, TimeSpan? RetryAfter)? fault = null;
            TimeSpan? stall = null;
            lock (_gate)
            {
                if (_faults.Count > 0)
                    fault = _faults.Dequeue();
                else if (_stalls.Count > 0)
                    stall = _stalls.Dequeue();
            }
            if (stall is { } wait)
                await Task.Delay(wait, CancellationToken.None);
            if (fault is { } injected)
            {
                if (injected.RetryAfter is { } after)
                    context.Response.Headers.RetryAfter = ((int)after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Error((int)injected.Status, "injected failure").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        const string jobs = "/v1/projects/{project}/locations/{location}/jobs";
        app.MapPost(jobs, (string project, string location, HttpContext context) => Guard(project, location) ?? Create(location, context));
        app.MapGet(jobs + "/{job}", (string project, string location, string job, HttpContext context) =>
            Guard(project, location) ?? NoQuery(context) ?? Get(location, job));
        app.MapPost(jobs + "/{job}", (string project, string location, string job, HttpContext context) =>
            Guard(project, location) ?? Cancel(location, job, context));
        app.MapGet(jobs + "/{job}/taskGroups/{group}/tasks", (string project, string location, string job, string group, HttpContext context) =>
            Guard(project, location) ?? ListTasks(location, job, group, context));
        app.MapFallback((HttpContext context) => Error(404, $"Method not found: {context.Request.Method} {context.Request.Path}"));
    }

    private IResult? Guard(string project, string location)
    {
        if (project != _options.Project)
            return Error(403, $"Permission 'batch.jobs.create' denied on 'projects/{project}/locations/{location}' (or it may not exist).");
        if (!_options.Regions.Contains(location))
            return Error(404, $"Location '{location}' of project '{project}' is not found or not supported by Batch.");
        return null;
    }

    private static IResult? NoQuery(HttpContext context, params string[] allowed)
    {
        foreach (var key in context.Request.Query.Keys)
        {
            if (!allowed.Contains(key) && key is not ("alt" or "prettyPrint" or "$alt"))
                return Error(400, $"Invalid JSON payload received. Unknown name \"{key}\": Cannot bind query parameter. Field '{key}' could not be found in request message.");
        }
        return null;
    }

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
}
