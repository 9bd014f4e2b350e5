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

namespace Epy.Testing.Batch;

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
    private readonly List<FakeBatchJob> _deleted = [];
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

    /// <summary>The ids of every job that exists, oldest first.</summary>
    public IReadOnlyList<string> JobIds
    {
        get
        {
            lock (_gate)
                return [.. _jobs.Values.OrderBy(j => j.CreateTime).ThenBy(j => j.Id, StringComparer.Ordinal).Select(j => j.Id)];
        }
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

    /// <summary>
    /// Deletes a job as someone else's <c>jobs.delete</c> would, behind its owner's back: its tasks stop, it sends no
    /// more notifications, and <c>jobs.get</c> answers 404 from then on. False when no such job exists.
    /// </summary>
    public bool Delete(string jobId)
    {
        lock (_gate)
        {
            if (!_jobs.Remove(jobId, out var job))
                return false;
            job.Deleted = true;
            job.Cancel.Cancel();
            _deleted.Add(job);
            return true;
        }
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
            executions = [.. _jobs.Values.Concat(_deleted).Select(j => j.Execution)];
        }
        await Task.WhenAll(executions);
        _notifications.Writer.TryComplete();
        await _notifying;
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_gate)
        {
            foreach (var job in _jobs.Values.Concat(_deleted))
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
}
