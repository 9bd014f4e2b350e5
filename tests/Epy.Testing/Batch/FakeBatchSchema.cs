using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Epy.Testing.Batch;

/// <summary>
/// The part of Batch v1's <c>Job</c> resource the fake accepts, field by field as the REST reference
/// documents it (camelCase names; <c>string (int64 format)</c> fields; <c>Duration</c> strings such as
/// <c>"3600s"</c>; enums by name). Like the real API it rejects unknown field names
/// ("Invalid JSON payload received. Unknown name ..."). It is stricter than a proto3 JSON parser in one
/// way, on purpose: int64 fields must be JSON strings (the form the API itself writes), and int32 fields
/// and enums must be numbers and names, so a client that sends the other forms is caught here.
/// </summary>
public static partial class FakeBatchSchema
{
    private abstract record Kind;
    private sealed record Str : Kind;
    private sealed record Int64 : Kind;
    private sealed record Int32 : Kind;
    private sealed record Bool : Kind;
    private sealed record Duration : Kind;
    private sealed record Enum(params string[] Values) : Kind;
    private sealed record Message(string Name) : Kind;
    private sealed record Array(Kind Item) : Kind;
    private sealed record Map(Kind Value) : Kind;

    /// <summary>Batch's job states.</summary>
    public static readonly string[] JobStates =
        ["STATE_UNSPECIFIED", "QUEUED", "SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED", "DELETION_IN_PROGRESS", "CANCELLATION_IN_PROGRESS", "CANCELLED"];

    /// <summary>Batch's task states.</summary>
    public static readonly string[] TaskStates = ["STATE_UNSPECIFIED", "PENDING", "ASSIGNED", "RUNNING", "FAILED", "SUCCEEDED", "UNEXECUTED"];

    private static readonly Kind S = new Str();
    private static readonly Kind I64 = new Int64();
    private static readonly Kind I32 = new Int32();
    private static readonly Kind B = new Bool();
    private static readonly Kind D = new Duration();

    private static readonly Dictionary<string, Dictionary<string, Kind>> Messages = new()
    {
        ["Job"] = new()
        {
            ["name"] = S, ["uid"] = S, ["priority"] = I64, ["taskGroups"] = new Array(new Message("TaskGroup")),
            ["allocationPolicy"] = new Message("AllocationPolicy"), ["labels"] = new Map(S), ["status"] = new Message("Any"),
            ["createTime"] = S, ["updateTime"] = S, ["logsPolicy"] = new Message("LogsPolicy"),
            ["notifications"] = new Array(new Message("JobNotification")),
        },
        ["TaskGroup"] = new()
        {
            ["name"] = S, ["taskSpec"] = new Message("TaskSpec"), ["taskCount"] = I64, ["parallelism"] = I64,
            ["schedulingPolicy"] = new Enum("SCHEDULING_POLICY_UNSPECIFIED", "AS_SOON_AS_POSSIBLE", "IN_ORDER"),
            ["taskEnvironments"] = new Array(new Message("Environment")), ["taskCountPerNode"] = I64,
            ["requireHostsFile"] = B, ["permissiveSsh"] = B, ["runAsNonRoot"] = B,
        },
        ["TaskSpec"] = new()
        {
            ["runnables"] = new Array(new Message("Runnable")), ["computeResource"] = new Message("ComputeResource"),
            ["maxRunDuration"] = D, ["maxRetryCount"] = I32, ["lifecyclePolicies"] = new Array(new Message("LifecyclePolicy")),
            ["environments"] = new Map(S), ["volumes"] = new Array(new Message("Any")), ["environment"] = new Message("Environment"),
        },
        ["Runnable"] = new()
        {
            ["container"] = new Message("Container"), ["script"] = new Message("Script"), ["barrier"] = new Message("Any"),
            ["displayName"] = S, ["ignoreExitStatus"] = B, ["background"] = B, ["alwaysRun"] = B,
            ["environment"] = new Message("Environment"), ["timeout"] = D, ["labels"] = new Map(S),
        },
        ["Container"] = new()
        {
            ["imageUri"] = S, ["commands"] = new Array(S), ["entrypoint"] = S, ["volumes"] = new Array(S), ["options"] = S,
            ["blockExternalNetwork"] = B, ["username"] = S, ["password"] = S, ["enableImageStreaming"] = B,
        },
        ["Script"] = new() { ["path"] = S, ["text"] = S },
        ["Environment"] = new() { ["variables"] = new Map(S), ["secretVariables"] = new Map(S), ["encryptedVariables"] = new Message("Any") },
        ["ComputeResource"] = new() { ["cpuMilli"] = I64, ["memoryMib"] = I64, ["bootDiskMib"] = I64 },
        ["LifecyclePolicy"] = new()
        {
            ["action"] = new Enum("ACTION_UNSPECIFIED", "RETRY_TASK", "FAIL_TASK"), ["actionCondition"] = new Message("ActionCondition"),
        },
        ["ActionCondition"] = new() { ["exitCodes"] = new Array(I32) },
        ["AllocationPolicy"] = new()
        {
            ["location"] = new Message("LocationPolicy"), ["instances"] = new Array(new Message("InstancePolicyOrTemplate")),
            ["serviceAccount"] = new Message("ServiceAccount"), ["labels"] = new Map(S), ["network"] = new Message("NetworkPolicy"),
            ["placement"] = new Message("Any"), ["tags"] = new Array(S),
        },
        ["LocationPolicy"] = new() { ["allowedLocations"] = new Array(S) },
        ["InstancePolicyOrTemplate"] = new()
        {
            ["policy"] = new Message("InstancePolicy"), ["instanceTemplate"] = S, ["installGpuDrivers"] = B,
            ["installOpsAgent"] = B, ["blockProjectSshKeys"] = B,
        },
        ["InstancePolicy"] = new()
        {
            ["machineType"] = S, ["minCpuPlatform"] = S,
            ["provisioningModel"] = new Enum("PROVISIONING_MODEL_UNSPECIFIED", "STANDARD", "SPOT", "PREEMPTIBLE"),
            ["accelerators"] = new Array(new Message("Any")), ["bootDisk"] = new Message("Disk"), ["disks"] = new Array(new Message("Any")),
            ["reservation"] = S,
        },
        ["Disk"] = new() { ["image"] = S, ["snapshot"] = S, ["type"] = S, ["sizeGb"] = I64, ["diskInterface"] = S },
        ["ServiceAccount"] = new() { ["email"] = S, ["scopes"] = new Array(S) },
        ["NetworkPolicy"] = new() { ["networkInterfaces"] = new Array(new Message("NetworkInterface")) },
        ["NetworkInterface"] = new() { ["network"] = S, ["subnetwork"] = S, ["noExternalIpAddress"] = B },
        ["LogsPolicy"] = new()
        {
            ["destination"] = new Enum("DESTINATION_UNSPECIFIED", "CLOUD_LOGGING", "PATH"), ["logsPath"] = S, ["cloudLoggingOption"] = new Message("Any"),
        },
        ["JobNotification"] = new() { ["pubsubTopic"] = S, ["message"] = new Message("NotificationMessage") },
        ["NotificationMessage"] = new()
        {
            ["type"] = new Enum("TYPE_UNSPECIFIED", "JOB_STATE_CHANGED", "TASK_STATE_CHANGED"),
            ["newJobState"] = new Enum(JobStates), ["newTaskState"] = new Enum(TaskStates),
        },
    };

    /// <summary>The job id rule of <c>jobs.create</c>.</summary>
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    public static partial Regex JobIdRule();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]{1,9})?s$")]
    private static partial Regex DurationRule();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex LabelKeyRule();

    [GeneratedRegex("^[a-z0-9_-]{0,63}$")]
    private static partial Regex LabelValueRule();

    [GeneratedRegex("^projects/[^/]+/topics/[^/]+$")]
    private static partial Regex TopicRule();

    /// <summary>The problems of a create request's body (empty when Batch would accept it).</summary>
    public static List<string> Validate(JsonNode? body, string location)
    {
        var problems = new List<string>();
        if (body is not JsonObject job)
        {
            problems.Add("Invalid JSON payload received: the body must be a Job object");
            return problems;
        }
        CheckMessage(job, "Job", "job", problems);
        if (problems.Count > 0)
            return problems;
        CheckSemantics(job, location, problems);
        return problems;
    }

    /// <summary>The Duration string's length, for a field known to be valid.</summary>
    public static TimeSpan ParseDuration(string text) =>
        TimeSpan.FromSeconds(double.Parse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    private static void CheckMessage(JsonObject value, string message, string path, List<string> problems)
    {
        if (message == "Any")
            return;
        var fields = Messages[message];
        foreach (var (name, field) in value)
        {
            if (!fields.TryGetValue(name, out var kind))
            {
                problems.Add($"Invalid JSON payload received. Unknown name \"{name}\" at '{path}': Cannot find field.");
                continue;
            }
            Check(field, kind, $"{path}.{name}", problems);
        }
    }

    private static void Check(JsonNode? value, Kind kind, string path, List<string> problems)
    {
        if (value is null)
            return;
        var kindOf = value.GetValueKind();
        switch (kind)
        {
            case Str when kindOf != JsonValueKind.String:
                problems.Add($"Invalid value at '{path}': expected a string");
                break;
            case Int64 when kindOf != JsonValueKind.String || !long.TryParse(value.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                problems.Add($"Invalid value at '{path}' ({value.ToJsonString()}): an int64 field is a decimal string");
                break;
            case Int32 when kindOf != JsonValueKind.Number || !int.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                problems.Add($"Invalid value at '{path}' ({value.ToJsonString()}): expected an int32 number");
                break;
            case Bool when kindOf is not (JsonValueKind.True or JsonValueKind.False):
                problems.Add($"Invalid value at '{path}': expected a boolean");
                break;
            case Duration when kindOf != JsonValueKind.String || !DurationRule().IsMatch(value.GetValue<string>()):
                problems.Add($"Invalid value at '{path}' ({value.ToJsonString()}): a Duration is seconds with an 's', e.g. \"3600s\"");
                break;
            case Enum e when kindOf != JsonValueKind.String || !e.Values.Contains(value.GetValue<string>()):
                problems.Add($"Invalid value at '{path}' ({value.ToJsonString()}): expected one of {string.Join(", ", e.Values)}");
                break;
            case Message m when value is JsonObject o:
                CheckMessage(o, m.Name, path, problems);
                break;
            case Message:
                problems.Add($"Invalid value at '{path}': expected an object");
                break;
            case Array a when value is JsonArray items:
                for (var i = 0; i < items.Count; i++)
                    Check(items[i], a.Item, $"{path}[{i}]", problems);
                break;
            case Array:
                problems.Add($"Invalid value at '{path}': expected a list");
                break;
            case Map m when value is JsonObject entries:
                foreach (var (key, item) in entries)
                    Check(item, m.Value, $"{path}[{key}]", problems);
                break;
            case Map:
                problems.Add($"Invalid value at '{path}': expected a map");
                break;
        }
    }

    private static void CheckSemantics(JsonObject job, string location, List<string> problems)
    {
        if (job["taskGroups"] is not JsonArray { Count: 1 } groups)
        {
            problems.Add("job.task_groups: exactly one TaskGroup is supported");
            return;
        }
        var group = (JsonObject)groups[0]!;
        if (group["taskSpec"] is not JsonObject spec || spec["runnables"] is not JsonArray { Count: > 0 } runnables)
            problems.Add("job.task_groups[0].task_spec.runnables: at least one runnable is required");
        else if (runnables.Any(r => r is JsonObject o && o["container"] is null && o["script"] is null && o["barrier"] is null))
            problems.Add("job.task_groups[0].task_spec.runnables: each runnable needs a container, script or barrier");
        if (group["taskSpec"] is JsonObject taskSpec)
        {
            if (taskSpec["maxRetryCount"] is JsonNode retries && retries.GetValue<int>() is < 0 or > 10)
                problems.Add("job.task_groups[0].task_spec.max_retry_count must be between 0 and 10");
            if (taskSpec["lifecyclePolicies"] is JsonArray { Count: > 1 })
                problems.Add("job.task_groups[0].task_spec.lifecycle_policies: only one lifecycle policy is supported");
            if (taskSpec["runnables"] is JsonArray all && all.Any(r => r?["container"] is JsonObject c && c["imageUri"] is null))
                problems.Add("job.task_groups[0].task_spec.runnables[].container.image_uri is required");
        }
        var hasEnvironments = group["taskEnvironments"] is JsonArray { Count: > 0 };
        if (!hasEnvironments && group["taskCount"] is JsonNode count && long.Parse(count.GetValue<string>(), CultureInfo.InvariantCulture) < 1)
            problems.Add("job.task_groups[0].task_count must be at least 1");
        if (group["parallelism"] is JsonNode parallelism && long.Parse(parallelism.GetValue<string>(), CultureInfo.InvariantCulture) < 1)
            problems.Add("job.task_groups[0].parallelism must be at least 1");
        if (group["taskCountPerNode"] is JsonNode perNode && long.Parse(perNode.GetValue<string>(), CultureInfo.InvariantCulture) < 1)
            problems.Add("job.task_groups[0].task_count_per_node must be at least 1");

        foreach (var labels in new[] { job["labels"], job["allocationPolicy"]?["labels"] })
        {
            if (labels is not JsonObject map)
                continue;
            if (map.Count > 64)
                problems.Add("labels: at most 64");
            foreach (var (key, value) in map)
            {
                if (!LabelKeyRule().IsMatch(key) || key.StartsWith("goog-", StringComparison.Ordinal) || key.StartsWith("google-", StringComparison.Ordinal))
                    problems.Add($"labels: key '{key}' is not a valid label key");
                if (!LabelValueRule().IsMatch(value!.GetValue<string>()))
                    problems.Add($"labels: value '{value}' of '{key}' is not a valid label value");
            }
        }
        if (job["allocationPolicy"]?["location"]?["allowedLocations"] is JsonArray allowed)
        {
            foreach (var place in allowed.Select(a => a!.GetValue<string>()))
            {
                if (place != $"regions/{location}" && !place.StartsWith($"zones/{location}-", StringComparison.Ordinal))
                    problems.Add($"allocation_policy.location.allowed_locations: '{place}' is not in the job's region {location}");
            }
        }
        if (job["notifications"] is JsonArray notifications)
        {
            foreach (var notification in notifications.OfType<JsonObject>())
            {
                if (notification["pubsubTopic"]?.GetValue<string>() is not { } topic || !TopicRule().IsMatch(topic))
                    problems.Add($"notifications[].pubsub_topic '{notification["pubsubTopic"]}' must look like projects/p/topics/t");
            }
        }
        if (job["logsPolicy"] is JsonObject logs && logs["destination"]?.GetValue<string>() == "PATH" && logs["logsPath"] is null)
            problems.Add("logs_policy.logs_path is required with destination PATH");
    }
}
