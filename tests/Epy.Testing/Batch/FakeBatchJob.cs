using System.Globalization;
using System.Text.Json.Nodes;

namespace Epy.Testing.Batch;

/// <summary>One job held by the fake server, with its tasks. Guarded by the server's lock.</summary>
internal sealed class FakeBatchJob
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Uid { get; init; }

    public required string Region { get; init; }

    public required string? RequestId { get; init; }

    /// <summary>The job as created (echoed back with its status).</summary>
    public required JsonObject Body { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public DateTimeOffset UpdateTime { get; set; }

    public string State { get; set; } = "QUEUED";

    public List<JsonObject> StatusEvents { get; } = [];

    public required FakeBatchTask[] Tasks { get; init; }

    public required int Parallelism { get; init; }

    public required int MaxRetryCount { get; init; }

    /// <summary>The one lifecycle policy: its action and exit codes, or null for Batch's default.</summary>
    public required (string Action, HashSet<int> ExitCodes)? Lifecycle { get; init; }

    public required IReadOnlyList<string> Commands { get; init; }

    public CancellationTokenSource Cancel { get; } = new();

    public string? CancelOperation { get; set; }

    public string? CancelRequestId { get; set; }

    public Task Execution { get; set; } = Task.CompletedTask;

    /// <summary>True once deleted: it is gone from the API and reports nothing more.</summary>
    public bool Deleted { get; set; }

    public bool IsFinal => State is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>Whether a task that exited with <paramref name="exitCode"/> after <paramref name="retriesSoFar"/> retries runs again.</summary>
    public bool Retries(int exitCode, int retriesSoFar)
    {
        if (exitCode == 0 || retriesSoFar >= MaxRetryCount)
            return false;
        // With a policy: RETRY_TASK retries matching codes and fails the others at once; FAIL_TASK the reverse.
        // Without one, every non-zero exit is retried up to maxRetryCount.
        return Lifecycle switch
        {
            null => true,
            ({ } action, var codes) when action == "FAIL_TASK" => !codes.Contains(exitCode),
            (_, var codes) => codes.Contains(exitCode),
        };
    }

    public JsonObject Counts()
    {
        var counts = new JsonObject();
        foreach (var group in Tasks.GroupBy(t => t.State).OrderBy(g => g.Key, StringComparer.Ordinal))
            counts[group.Key] = group.Count().ToString(CultureInfo.InvariantCulture);
        return counts;
    }
}
