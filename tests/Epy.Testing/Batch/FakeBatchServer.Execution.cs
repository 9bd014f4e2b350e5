using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Epy.Testing.Batch;

/// <summary>How the fake runs a job: its state changes, its tasks as local processes, its notifications.</summary>
public sealed partial class FakeBatchServer
{
    private FakeBatchJob NewJob(string jobId, string location, string? requestId, JsonObject body)
    {
        var group = (JsonObject)body["taskGroups"]![0]!;
        var spec = (JsonObject)group["taskSpec"]!;
        var environments = group["taskEnvironments"] as JsonArray;
        var count = environments is { Count: > 0 } ? environments.Count : group["taskCount"] is JsonNode n ? int.Parse(n.GetValue<string>(), CultureInfo.InvariantCulture) : 1;
        var parallelism = group["parallelism"] is JsonNode p ? int.Parse(p.GetValue<string>(), CultureInfo.InvariantCulture) : count;
        var runnable = (JsonObject)spec["runnables"]![0]!;

        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        AddVariables(shared, spec["environment"]);
        AddVariables(shared, runnable["environment"]);
        var tasks = new FakeBatchTask[count];
        for (var i = 0; i < count; i++)
        {
            var env = new Dictionary<string, string>(shared, StringComparer.Ordinal);
            if (environments is { Count: > 0 })
                AddVariables(env, environments[i]);
            env["BATCH_TASK_INDEX"] = i.ToString(CultureInfo.InvariantCulture);
            env["BATCH_TASK_COUNT"] = count.ToString(CultureInfo.InvariantCulture);
            tasks[i] = new FakeBatchTask { Index = i, Environment = env };
        }

        (string, HashSet<int>)? lifecycle = null;
        if (spec["lifecyclePolicies"] is JsonArray { Count: > 0 } policies && policies[0]!["action"]?.GetValue<string>() is "RETRY_TASK" or "FAIL_TASK")
        {
            var codes = (policies[0]!["actionCondition"]?["exitCodes"] as JsonArray ?? []).Select(c => c!.GetValue<int>()).ToHashSet();
            lifecycle = (policies[0]!["action"]!.GetValue<string>(), codes);
        }
        var now = _options.Time.GetUtcNow();
        var name = $"projects/{_options.Project}/locations/{location}/jobs/{jobId}";
        var job = new FakeBatchJob
        {
            Id = jobId,
            Name = name,
            Uid = $"{jobId[..Math.Min(jobId.Length, 20)]}-{Guid.NewGuid().ToString("N")[..8]}-{Guid.NewGuid().ToString("N")[..4]}",
            Region = location,
            RequestId = requestId,
            Body = (JsonObject)body.DeepClone(),
            CreateTime = now,
            UpdateTime = now,
            Tasks = tasks,
            Parallelism = Math.Clamp(parallelism, 1, count),
            MaxRetryCount = spec["maxRetryCount"]?.GetValue<int>() ?? 0,
            Lifecycle = lifecycle,
            Commands = (runnable["container"]?["commands"] as JsonArray ?? []).Select(c => c!.GetValue<string>()).ToList(),
        };
        job.StatusEvents.Add(Event($"Job state is set from STATE_UNSPECIFIED to QUEUED for job {name}.", now));
        return job;
    }

    private static void AddVariables(Dictionary<string, string> into, JsonNode? environment)
    {
        if (environment?["variables"] is not JsonObject variables)
            return;
        foreach (var (key, value) in variables)
            into[key] = value!.GetValue<string>();
    }

    private async Task ExecuteAsync(FakeBatchJob job)
    {
        var cancel = job.Cancel.Token;
        try
        {
            await Task.Delay(_options.StepDelay, cancel);
            if (_options.QueueEvent?.Invoke(job.Id) is { } why)
            {
                lock (_gate)
                    job.StatusEvents.Add(Event(why, _options.Time.GetUtcNow()));
            }
            if (_options.HoldQueue)
                await _queueReleased.Task.WaitAsync(cancel);
            if (_options.NeverSchedules?.Invoke(job.Id) == true)
                await Task.Delay(Timeout.Infinite, cancel);
            lock (_gate)
                SetState(job, "SCHEDULED");
            await Task.Delay(_options.StepDelay, cancel);
            using var slots = new SemaphoreSlim(job.Parallelism);
            var runs = job.Tasks.Select(task => RunTaskAsync(job, task, slots, cancel)).ToList();
            try
            {
                await Task.WhenAll(runs);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
            }
            await Task.Delay(_options.StepDelay, cancel);
            lock (_gate)
            {
                if (!cancel.IsCancellationRequested)
                    SetState(job, job.Tasks.All(t => t.State == "SUCCEEDED") ? "SUCCEEDED" : "FAILED");
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        if (!cancel.IsCancellationRequested || _stopping || job.Deleted)
            return;
        // Cancelled through the API: what never finished stays unexecuted, then the job is CANCELLED.
        lock (_gate)
        {
            foreach (var task in job.Tasks.Where(t => t.State is not ("SUCCEEDED" or "FAILED")))
                SetTaskState(job, task, "UNEXECUTED", exitCode: null, "the job was cancelled");
        }
        await Task.Delay(_options.StepDelay, CancellationToken.None);
        lock (_gate)
            SetState(job, "CANCELLED");
    }

    private async Task RunTaskAsync(FakeBatchJob job, FakeBatchTask task, SemaphoreSlim slots, CancellationToken cancel)
    {
        await slots.WaitAsync(cancel);
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    cancel.ThrowIfCancellationRequested();
                    SetTaskState(job, task, "ASSIGNED", exitCode: null, "assigned to a VM");
                    SetTaskState(job, task, "RUNNING", exitCode: null, "running");
                    if (job.State == "SCHEDULED")
                        SetState(job, "RUNNING");
                }
                if (_options.TaskGate is { } gate)
                    await gate(job.Id, task.Index, cancel);
                var exit = (_options.VmFailure is { } vm ? Crashed(() => vm(job.Id, task.Index, task.Retries)) : null) ?? await RunProcessAsync(job, task, cancel);
                lock (_gate)
                {
                    if (job.Retries(exit, task.Retries))
                    {
                        task.Retries++;
                        SetTaskState(job, task, "FAILED", exit, $"retrying (retry {task.Retries} of {job.MaxRetryCount})");
                        SetTaskState(job, task, "PENDING", exitCode: null, "queued for a retry");
                        continue;
                    }
                    SetTaskState(job, task, exit == 0 ? "SUCCEEDED" : "FAILED", exit, null);
                    return;
                }
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>A task program that throws ends like a crashed one (exit 1), rather than leaving its job running forever.</summary>
    private static int? Crashed(Func<int?> task)
    {
        try
        {
            return task();
        }
        catch (Exception crash) when (crash is not OperationCanceledException and not OutOfMemoryException)
        {
            Console.Error.WriteLine($"fake Batch: a task crashed: {crash.Message}");
            return 1;
        }
    }

    private async Task<int> RunProcessAsync(FakeBatchJob job, FakeBatchTask task, CancellationToken cancel)
    {
        var command = _options.TaskCommand;
        var env = new Dictionary<string, string>(task.Environment, StringComparer.Ordinal)
        {
            ["BATCH_TASK_RETRY_ATTEMPT"] = task.Retries.ToString(CultureInfo.InvariantCulture),
        };
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Arguments.Concat(job.Commands))
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in command.MapEnvironment?.Invoke(env) ?? env)
            info.Environment[key] = value;

        var folder = Path.Combine(LogsDirectory, job.Id);
        Directory.CreateDirectory(folder);
        var log = new StreamWriter(Path.Combine(folder, $"task-{task.Index}-retry-{task.Retries}.log")) { AutoFlush = true };
        await using (log)
        {
            using var process = new Process { StartInfo = info };
            void Write(object _, DataReceivedEventArgs line)
            {
                if (line.Data is null)
                    return;
                lock (log)
                    log.WriteLine(line.Data);
            }
            process.OutputDataReceived += Write;
            process.ErrorDataReceived += Write;
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception failure)
            {
                // Like a container whose entrypoint is missing: the task fails with 127.
                await log.WriteLineAsync($"cannot start {command.FileName}: {failure.Message}");
                return 127;
            }
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                throw;
            }
            return process.ExitCode;
        }
    }

    // Called under the lock.
    private void SetState(FakeBatchJob job, string state)
    {
        var old = job.State;
        job.State = state;
        job.UpdateTime = _options.Time.GetUtcNow();
        job.StatusEvents.Add(Event($"Job state is set from {old} to {state} for job {job.Name}.", job.UpdateTime));
        Notify(job, old, state);
    }

    // Called under the lock.
    private void SetTaskState(FakeBatchJob job, FakeBatchTask task, string state, int? exitCode, string? why)
    {
        var now = _options.Time.GetUtcNow();
        var description = $"Task state is updated from {task.State} to {state}"
            + (exitCode is { } code ? $" with exit code {code.ToString(CultureInfo.InvariantCulture)}" : "")
            + (why is null ? "." : $": {why}.");
        var statusEvent = Event(description, now);
        statusEvent["taskState"] = state;
        if (exitCode is { } exit)
            statusEvent["taskExecution"] = new JsonObject { ["exitCode"] = exit };
        task.StatusEvents.Add(statusEvent);
        task.State = state;
        job.UpdateTime = now;
    }

    // Called under the lock: queued in order, delivered by one loop.
    private void Notify(FakeBatchJob job, string old, string state)
    {
        if (job.Body["notifications"] is not JsonArray notifications)
            return;
        foreach (var notification in notifications.OfType<JsonObject>())
        {
            var message = notification["message"];
            if (message?["type"]?.GetValue<string>() != "JOB_STATE_CHANGED")
                continue;
            if (message["newJobState"]?.GetValue<string>() is { } wanted && wanted != state)
                continue;
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Type"] = "JOB_STATE_CHANGED",
                ["JobName"] = job.Name,
                ["JobUID"] = job.Uid,
                ["NewJobState"] = state,
                ["Region"] = job.Region,
            };
            _notifications.Writer.TryWrite(new BatchNotification(
                notification["pubsubTopic"]!.GetValue<string>(), attributes, $"Job state was updated from {old} to {state}."));
        }
    }

    private async Task DeliverNotificationsAsync()
    {
        await foreach (var notification in _notifications.Reader.ReadAllAsync())
        {
            if (_options.Notifier is { } notifier)
                await notifier.NotifyAsync(notification, CancellationToken.None);
        }
    }
}
