using System.Globalization;
using System.Text.Json.Nodes;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// Makes the Batch v1 <c>Job</c> resource for a <see cref="JobSpec"/>, the way the existing pipeline
/// builds its jobs: camelCase fields, enums by name, int64 fields as JSON strings and durations as
/// <c>"3600s"</c> (proto3 JSON). Pure: the same spec and options give the same JSON.
/// </summary>
/// <remarks>
/// The stage program gets its settings through <c>taskSpec.environment.variables</c>: EXECUTION_MODE=cloud,
/// GCS_BUCKET, DIR_PREFIX, EXP_ID, RUN_ID, ALLOW_PARTIAL_RESULTS, NUM_TASKS (once the builder has
/// counted them), EPY_JOB_ID, TASK_MEMORY_BUDGET_MIB (builder and runner: the runner task's memory) and, when
/// the run names one, FORECAST_REPO_REF. Batch adds BATCH_TASK_INDEX
/// and BATCH_TASK_COUNT to every task. A resumed Stage B job runs only some of the run's tasks: it is
/// sent with <c>taskGroups[0].taskEnvironments</c> (one entry per Batch task, and no taskCount, as the
/// API requires) so that Batch task <c>i</c> also gets <c>TASK_INDEX</c> = the run's task index
/// <c>TaskIndices[i]</c>; the stage program already reads TASK_INDEX before BATCH_TASK_INDEX.
/// </remarks>
public static class BatchJobBuilder
{
    /// <summary>The one task group's id in every job (Batch names it).</summary>
    public const string TaskGroup = "group0";

    /// <summary>The <c>managed-by</c> label of jobs the orchestrator creates.</summary>
    public const string ManagedBy = "epy-orchestrator";

    /// <summary>Batch's largest <c>maxRetryCount</c>.</summary>
    public const int MaxRetryCountLimit = 10;

    // Machine families whose VMs boot only from Hyperdisk (no pd-* disks).
    private static readonly string[] HyperdiskOnlyFamilies = ["c4d-", "c4-", "c4a-", "n4-", "n4d-", "n4a-"];

    /// <summary>The request body of <c>jobs.create</c> for <paramref name="spec"/>.</summary>
    public static JsonObject Build(JobSpec spec, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var labels = JobLabels(spec, options);
        var job = new JsonObject
        {
            ["labels"] = ToObject(labels),
            ["taskGroups"] = new JsonArray(TaskGroupOf(spec, options)),
            ["allocationPolicy"] = AllocationPolicy(spec, options, labels),
            ["logsPolicy"] = new JsonObject { ["destination"] = "CLOUD_LOGGING" },
        };
        if (options.NotificationTopic.Length > 0)
        {
            job["notifications"] = new JsonArray(new JsonObject
            {
                ["pubsubTopic"] = options.NotificationTopic,
                ["message"] = new JsonObject { ["type"] = "JOB_STATE_CHANGED" },
            });
        }
        return job;
    }

    /// <summary>The image the job runs: the run's tag (or digest, <c>sha256:...</c>) or the default tag.</summary>
    public static string ImageUri(JobSpec spec, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var tag = string.IsNullOrWhiteSpace(spec.Request.ImageTag) ? options.DefaultImageTag : spec.Request.ImageTag.Trim();
        return tag.StartsWith("sha256:", StringComparison.Ordinal) ? $"{options.StageImage}@{tag}" : $"{options.StageImage}:{tag}";
    }

    /// <summary>
    /// The job's labels: ours (component, stage, exp_id, run_id, managed-by, profile, billing_project: the run's, else the deployment's)
    /// win over the run's own, all sanitised to Batch's rules, at most 64, none reserved (<c>goog-</c>).
    /// </summary>
    public static SortedDictionary<string, string> JobLabels(JobSpec spec, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["component"] = "epymodelingsuite",
            ["stage"] = spec.Stage.Command(),
            ["exp_id"] = Labels.SanitizeValue(spec.Experiment.Value),
            ["run_id"] = Labels.SanitizeValue(spec.Id.Run.Value),
            ["managed-by"] = ManagedBy,
        };
        if (options.Profile.Length > 0)
            labels["profile"] = Labels.SanitizeValue(options.Profile);
        // The run's own billing project (epycloud run --billing-project) wins over the deployment's.
        var billing = string.IsNullOrWhiteSpace(spec.Request.BillingProject) ? options.BillingProject : spec.Request.BillingProject;
        if (billing.Length > 0)
            labels["billing_project"] = Labels.SanitizeValue(billing);
        foreach (var (key, value) in spec.Request.Labels)
        {
            var k = Labels.SanitizeKey(key);
            if (labels.Count >= Labels.MaxCount || labels.ContainsKey(k) || IsReserved(k))
                continue;
            labels[k] = Labels.SanitizeValue(value);
        }
        return labels;
    }

    /// <summary>The environment every task of the job gets.</summary>
    public static SortedDictionary<string, string> Environment(JobSpec spec, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var env = new SortedDictionary<string, string>(options.Environment, StringComparer.Ordinal)
        {
            ["EXECUTION_MODE"] = "cloud",
            ["GCS_BUCKET"] = options.Bucket,
            ["DIR_PREFIX"] = options.DirPrefix,
            ["EXP_ID"] = spec.Experiment.Value,
            ["RUN_ID"] = spec.Id.Run.Value,
            ["ALLOW_PARTIAL_RESULTS"] = spec.AllowPartialResults ? "true" : "false",
            ["EPY_JOB_ID"] = spec.Id.Value,
        };
        // The builder decides the task count; later stages are told it.
        if (spec.RunTaskCount > 0)
            env["NUM_TASKS"] = Int64(spec.RunTaskCount);
        if (!string.IsNullOrWhiteSpace(spec.Request.ForecastRepoRef))
            env["FORECAST_REPO_REF"] = spec.Request.ForecastRepoRef.Trim();
        // The builder checks its tasks' memory estimate against the VM that will run them, not its own.
        if (spec.TaskMemoryBudgetMib > 0)
            env["TASK_MEMORY_BUDGET_MIB"] = Int64(spec.TaskMemoryBudgetMib);
        return env;
    }

    /// <summary>The boot disk type for <paramref name="machineType"/>: Hyperdisk where the family needs it.</summary>
    public static string BootDiskType(string? machineType) =>
        machineType is { Length: > 0 } type && HyperdiskOnlyFamilies.Any(family => type.StartsWith(family, StringComparison.Ordinal))
            ? "hyperdisk-balanced"
            : "pd-balanced";

    /// <summary>The machine type the job asks for: the run's policy, else the stage's default, else none.</summary>
    public static string? MachineType(JobSpec spec, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(spec.Resources.MachineType))
            return spec.Resources.MachineType;
        var fallback = options.For(spec.Stage).MachineType;
        return fallback.Length > 0 ? fallback : null;
    }

    /// <summary>A proto3 JSON duration: whole seconds, rounded up, with an <c>s</c>.</summary>
    public static string Duration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(duration.TotalSeconds)}s");

    private static JsonObject TaskGroupOf(JobSpec spec, BatchOptions options)
    {
        var count = Math.Max(1, spec.TaskCount);
        var group = new JsonObject();
        if (spec.TaskIndices is { } indices)
        {
            var environments = new JsonArray();
            foreach (var index in indices)
                environments.Add(new JsonObject { ["variables"] = new JsonObject { ["TASK_INDEX"] = Int64(index) } });
            group["taskEnvironments"] = environments;
            count = indices.Count;
        }
        else
        {
            group["taskCount"] = Int64(count);
        }
        group["parallelism"] = Int64(Math.Clamp(spec.MaxParallelism, 1, count));
        if (spec.TasksPerNode > 0)
            group["taskCountPerNode"] = Int64(Math.Min(spec.TasksPerNode, count));
        group["taskSpec"] = TaskSpec(spec, options);
        return group;
    }

    private static JsonObject TaskSpec(JobSpec spec, BatchOptions options)
    {
        var container = new JsonObject { ["imageUri"] = ImageUri(spec, options) };
        if (options.StageEntrypoint.Length > 0)
            container["entrypoint"] = options.StageEntrypoint;
        container["commands"] = new JsonArray(spec.Stage.Command());

        // A lost or preempted VM is always retried (RETRY_TASK), whatever the policy lists.
        var retryCodes = StageExitCodes.VmFailures.Concat(spec.RetryableExitCodes).Distinct().Order().ToList();
        var exitCodes = new JsonArray();
        foreach (var code in retryCodes)
            exitCodes.Add(code);
        return new JsonObject
        {
            ["runnables"] = new JsonArray(new JsonObject { ["container"] = container }),
            ["environment"] = new JsonObject { ["variables"] = ToObject(Environment(spec, options)) },
            ["computeResource"] = new JsonObject
            {
                ["cpuMilli"] = Int64(spec.Resources.CpuMilli),
                ["memoryMib"] = Int64(spec.Resources.MemoryMib),
            },
            ["maxRunDuration"] = Duration(spec.Resources.MaxRunDuration),
            ["maxRetryCount"] = Math.Clamp(spec.MaxRetryCount, 0, MaxRetryCountLimit),
            // One RETRY_TASK policy: a matching exit code is retried (up to maxRetryCount), any other fails the task at once.
            ["lifecyclePolicies"] = new JsonArray(new JsonObject
            {
                ["action"] = "RETRY_TASK",
                ["actionCondition"] = new JsonObject { ["exitCodes"] = exitCodes },
            }),
        };
    }

    private static JsonObject AllocationPolicy(JobSpec spec, BatchOptions options, SortedDictionary<string, string> labels)
    {
        var machineType = MachineType(spec, options);
        var policy = new JsonObject();
        if (machineType is not null)
            policy["machineType"] = machineType;
        policy["provisioningModel"] = spec.Spot ? "SPOT" : "STANDARD";
        policy["bootDisk"] = new JsonObject
        {
            ["type"] = BootDiskType(machineType),
            ["sizeGb"] = Int64(options.For(spec.Stage).BootDiskGb),
        };

        var allocation = new JsonObject
        {
            ["location"] = new JsonObject { ["allowedLocations"] = new JsonArray($"regions/{options.Region}") },
            ["instances"] = new JsonArray(new JsonObject { ["policy"] = policy }),
        };
        // Each stage runs as its own account (only the builder's reads the GitHub token).
        if (options.ServiceAccountFor(spec.Stage) is { Length: > 0 } account)
            allocation["serviceAccount"] = new JsonObject { ["email"] = account };
        if (options.Network.Length > 0)
        {
            var nic = new JsonObject { ["network"] = options.Network };
            if (options.Subnetwork.Length > 0)
                nic["subnetwork"] = options.Subnetwork;
            nic["noExternalIpAddress"] = true;
            allocation["network"] = new JsonObject { ["networkInterfaces"] = new JsonArray(nic) };
        }
        // The VMs carry the job's labels too, so billing reports can group them.
        allocation["labels"] = ToObject(labels);
        return allocation;
    }

    private static bool IsReserved(string key) =>
        key.StartsWith("goog-", StringComparison.Ordinal) || key.StartsWith("google-", StringComparison.Ordinal);

    private static JsonObject ToObject(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var json = new JsonObject();
        foreach (var (key, value) in pairs)
            json[key] = value;
        return json;
    }

    private static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture);
}
