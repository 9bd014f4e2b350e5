using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Cli;

/// <summary>
/// The live view of a local run on a terminal: a header with the run's state and a running clock, a row per
/// stage (its latest job's state, attempt, task counts and time), and under a running Stage B a row per task
/// with its location and what its log said last (a calibration's generation and ε). Pure: lines in, lines out;
/// <see cref="TerminalBlock"/> draws them in place.
/// </summary>
public static partial class LiveProgress
{
    /// <summary>The most task rows shown; the rest are counted in one line.</summary>
    public const int MaxTaskRows = 12;

    /// <summary>A task's row: its run index and the last line of its log (null when it has not started).</summary>
    public sealed record TaskLine(int Index, string? LastLog, bool Running);

    /// <summary>
    /// The lines for <paramref name="state"/>, <paramref name="elapsed"/> after the start (the clock) and at
    /// <paramref name="now"/> (a running job's time), coloured when <paramref name="color"/>. With task rows the
    /// runner's counts come from them (the logs are fresher than the job's last reported counts).
    /// </summary>
    public static IReadOnlyList<string> Lines(RunState state, IReadOnlyList<TaskLine> tasks, TimeSpan elapsed, DateTimeOffset now, bool color)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(tasks);
        var lines = new List<string>
        {
            $"{state.Experiment} {state.Run}  {Paint(state.Status.ToWire(), Colour(state.Status.ToWire()), color)}  {Clock(elapsed)}",
        };
        foreach (var stage in (Stage[])[Stage.Builder, Stage.Runner, Stage.Output])
        {
            var job = state.Jobs.LastOrDefault(j => j.Id.Stage == stage);
            var name = stage switch { Stage.Builder => "A builder", Stage.Runner => "B runner ", _ => "C output " };
            if (job is null)
            {
                lines.Add($"  {name}  {Paint("waiting", Dim, color)}");
                continue;
            }
            var jobState = job.State?.ToBatchName() ?? "SUBMITTED";
            var text = $"  {name}  {Paint(jobState, Colour(jobState), color),-9}";
            if (job.Id.Attempt > 1)
                text += string.Create(CultureInfo.InvariantCulture, $"  attempt {job.Id.Attempt}");
            if (stage == Stage.Runner && tasks.Count > 0 && !job.IsFinal)
                text += string.Create(CultureInfo.InvariantCulture, $"  {tasks.Count(t => t.LastLog is not null && !t.Running)}/{tasks.Count} ended, {tasks.Count(t => t.Running)} running");
            else if (stage == Stage.Runner && job.Counts is { } counts)
                text += string.Create(CultureInfo.InvariantCulture, $"  {counts.Succeeded}/{job.TaskCount} done, {counts.Running} running{(counts.Failed > 0 ? $", {Paint($"{counts.Failed} failed", Red, color)}" : "")}");
            if (job.StartedAt is { } started)
                text += $"  {Clock((job.EndedAt ?? (job.IsFinal ? state.UpdatedAt : now)) - started)}";
            lines.Add(text);
            if (stage == Stage.Runner && job.State is null or JobState.Queued or JobState.Scheduled or JobState.Running)
                lines.AddRange(TaskRows(tasks, color));
        }
        return lines;
    }

    private static IEnumerable<string> TaskRows(IReadOnlyList<TaskLine> tasks, bool color)
    {
        // Running tasks first (what is happening now), then the rest in index order.
        var shown = tasks.OrderByDescending(t => t.Running).ThenBy(t => t.Index).Take(MaxTaskRows).OrderBy(t => t.Index).ToList();
        foreach (var task in shown)
        {
            var what = task.LastLog is null ? Paint("pending", Dim, color) : Describe(task.LastLog);
            yield return string.Create(CultureInfo.InvariantCulture, $"      task {task.Index,-4} {(task.Running ? Paint("▶", Yellow, color) : " ")} {what}");
        }
        if (tasks.Count > shown.Count)
            yield return string.Create(CultureInfo.InvariantCulture, $"      … and {tasks.Count - shown.Count} more tasks");
    }

    // "runner: task 0 (calibration, US-MA): generation 3 of 10, ..." → "US-MA  generation 3 of 10, ...";
    // "runner: task 1 (sampling, US-NH, row 4) seed 7: 50 trajectories in 9.1 s" → "US-NH, row 4  50 trajectories in 9.1 s".
    private static string Describe(string log)
    {
        var open = log.IndexOf(" (", StringComparison.Ordinal);
        var close = open < 0 ? -1 : log.IndexOf(')', open);
        var colon = close < 0 ? -1 : log.IndexOf(": ", close, StringComparison.Ordinal);
        if (!log.StartsWith("runner: task ", StringComparison.Ordinal) || colon < 0)
            return Truncate(log);
        var label = log[(open + 2)..close];
        var comma = label.IndexOf(", ", StringComparison.Ordinal);
        var location = comma >= 0 ? label[(comma + 2)..] : label;
        return Truncate($"{location,-8} {log[(colon + 2)..].Trim()}");
    }

    private static string Truncate(string text) => text.Length <= 100 ? text : text[..99] + "…";

    /// <summary>mm:ss, or h:mm:ss past an hour.</summary>
    public static string Clock(TimeSpan elapsed) =>
        elapsed.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalHours}:{elapsed.Minutes:D2}:{elapsed.Seconds:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes:D2}:{elapsed.Seconds:D2}");

    private const string Red = "31";
    private const string Green = "32";
    private const string Yellow = "33";
    private const string Dim = "2";

    private static string Colour(string state) => state switch
    {
        "SUCCEEDED" => Green,
        "FAILED" or "CANCELLED" or "DELETION_IN_PROGRESS" => Red,
        "PENDING" or "SUBMITTED" or "QUEUED" or "SCHEDULED" => Dim,
        _ => Yellow,
    };

    private static string Paint(string text, string code, bool color) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
