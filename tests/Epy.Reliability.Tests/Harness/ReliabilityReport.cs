using System.Globalization;
using System.Text;
using Epy.Contracts.Runs;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>The suite's table (markdown): one column per mode, written to the test output and to <c>TestResults/reliability-report.md</c>.</summary>
public static class ReliabilityReport
{
    private static readonly Lock Gate = new();
    private static readonly List<ModeResult> Results = [];

    /// <summary>Adds <paramref name="result"/>, rewrites the report file with every mode so far, and returns the table.</summary>
    public static string Publish(ModeResult result)
    {
        string table;
        lock (Gate)
        {
            Results.RemoveAll(r => r.Mode == result.Mode);
            Results.Add(result);
            table = Render(Results);
        }
        foreach (var folder in new[] { Path.Combine(Epy.Testing.TestData.RepositoryRoot, "TestResults"), AppContext.BaseDirectory })
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "reliability-report.md"), table);
        }
        return table;
    }

    public static string Render(IReadOnlyList<ModeResult> results)
    {
        var rows = new List<(string Name, Func<ModeResult, string> Value)>
        {
            ("runs", r => N(r.Runs.Count)),
            ("… expected SUCCEEDED / FAILED / CANCELLED", r => string.Join(" / ", new[] { RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled }.Select(s => N(r.Runs.Count(o => o.Scenario.Expected == s))))),
            ("runs with every check right", r => N(r.Runs.Count(o => o.Right))),
            ("runs that met a fault and recovered", r => $"{N(r.Runs.Count(o => o.MetFaults && o.Right))} of {N(r.Runs.Count(o => o.MetFaults))}"),
        };
        foreach (var kind in Enum.GetValues<FaultKind>())
            rows.Add(($"fault: {Describe(kind)}", r => N(r.Ledger.Count(kind))));
        rows.Add(("faults injected in all", r => N(r.Ledger.Total)));
        foreach (var what in results.SelectMany(r => r.Ledger.Absorbed.Keys).Distinct().Order(StringComparer.Ordinal))
            rows.Add(($"duplicate prevented: {what}", r => N(r.Ledger.Absorbed.TryGetValue(what, out var n) ? n : 0)));
        foreach (var what in results.SelectMany(r => r.Ledger.Observed.Keys).Distinct().Order(StringComparer.Ordinal))
            rows.Add((what, r => N(r.Ledger.Observed.TryGetValue(what, out var n) ? n : 0)));
        rows.Add(("**orphaned jobs** (a non-final job of a final run) at the end of the pass", r => N(r.OrphanedJobs)));
        rows.Add(("**runs finished while a job still ran**", r => N(r.FinishedWhileRunning)));
        rows.Add(("dropped events healed", r => $"{N(r.Ledger.HealedDrops)} of {N(r.Ledger.Count(FaultKind.NotificationDropped))}"));
        rows.Add(("max time to heal a dropped event", r => $"{r.Ledger.MaxHealPasses} reconciler passes, {r.Ledger.MaxHealMs.ToString("0", CultureInfo.InvariantCulture)} ms"));
        rows.Add(("processes restarted after a kill", r => N(r.Restarts)));
        rows.Add(("deliveries retried (not acknowledged)", r => N(r.Redeliveries)));
        rows.Add(("reconciler passes", r => N(r.Passes)));
        rows.Add(("orchestrator clock moved (deadlines)", r => $"{r.ClockShift.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h"));
        rows.Add(("wall time", r => $"{r.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| seed {string.Join(", ", results.Select(r => r.Seed).Distinct())} | {string.Join(" | ", results.Select(r => r.Mode))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|---|{string.Concat(results.Select(_ => "---|"))}");
        foreach (var (name, value) in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {string.Join(" | ", results.Select(value))} |");
        return text.ToString();
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Describe(FaultKind kind) => kind switch
    {
        FaultKind.Http429 => "HTTP 429",
        FaultKind.Http500 => "HTTP 500",
        FaultKind.Http503 => "HTTP 503",
        FaultKind.HttpTimeout => "HTTP timeout (applied, answer lost)",
        FaultKind.ConnectionReset => "connection reset",
        FaultKind.NotificationDuplicated => "notification duplicated",
        FaultKind.NotificationReordered => "notification reordered (older after newer)",
        FaultKind.NotificationDelayed => "notification delayed",
        FaultKind.NotificationDropped => "notification dropped",
        FaultKind.ConcurrentDelivery => "concurrent deliveries (3 at once, 2 processes)",
        FaultKind.KilledBetweenCommitAndCommand => "process killed between commit and command",
        FaultKind.KilledDuringCommand => "process killed during a command",
        FaultKind.KilledBeforeOutboxCleared => "process killed before clearing the outbox",
        FaultKind.TaskFailed => "Batch task failed (exit 3)",
        FaultKind.TaskPreempted => "Batch task preempted (exit 50001), retried",
        FaultKind.JobNeverStarted => "job never started (deadline)",
        FaultKind.CancelOvertookSubmit => "cancel overtaking a queued submit (Batch 503 until the run ended)",
        FaultKind.DeadlineDuringStuckResume => "deadline during a stuck resume (its submit 503 until the run ended)",
        FaultKind.JobDeleted => "job deleted behind the orchestrator's back",
        FaultKind.JobStuckQueued => "job stuck in QUEUED (deadline)",
        FaultKind.LateSucceededAfterDeadline => "late SUCCEEDED after the deadline's cancel, then a resume",
        FaultKind.NotificationForged => "forged notification (SUCCEEDED of a running job; another JobUID)",
        FaultKind.BatchHung => "Batch call hung until the client's timeout",
        _ => kind.ToString(),
    };
}
