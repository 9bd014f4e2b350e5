using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator;
using Epy.Orchestrator.Runs;

namespace Epy.Cli;

/// <summary>How runs are printed: a table for people, or the API's JSON (snake_case) for scripts.</summary>
public static class RunTable
{
    private static readonly JsonSerializerOptions Indented = new(OrchestratorJson.Options) { WriteIndented = true };

    /// <summary>The states a run ends in.</summary>
    public static bool IsFinal(string state) => state is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>Writes <paramref name="value"/> as indented JSON.</summary>
    public static void Json<T>(TextWriter output, T value)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(value, Indented));
    }

    /// <summary>
    /// A header, then one line per run: id, experiment, state, Stage B progress, created, how long it ran (a
    /// finished run) or has been running, and why it failed or was cancelled (or why its job waits in Batch's queue).
    /// </summary>
    public static void List(TextWriter output, IEnumerable<RunView> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(runs);
        output.WriteLine($"{"RUN ID",-24}  {"EXPERIMENT",-24} {"STATE",-16} {"TASKS",-14} {"CREATED",-20} {"DURATION",-9} NOTE");
        foreach (var run in runs)
        {
            var job = run.Jobs.Count > 0 ? run.Jobs[^1] : null;
            var tasks = job is { Stage: "runner" } ? $"{job.Succeeded}/{job.TaskCount} tasks" : run.TaskCount > 0 ? $"{run.TaskCount} tasks" : "";
            var duration = LiveProgress.Clock((IsFinal(run.State) ? run.UpdatedAt : now) - run.CreatedAt);
            var note = (run.Failure ?? (run.WaitReason is { } waiting ? $"waiting: {waiting}" : null)) is { } why ? (why.Length <= 70 ? why : why[..69] + "…") : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.RunId,-24}  {run.ExpId,-24} {run.State,-16} {tasks,-14} {run.CreatedAt:u} {duration,-9} {note}").TrimEnd());
        }
    }

    /// <summary>A run in full: stages and their jobs with task counts, failed tasks with exit codes, outputs, history.</summary>
    public static void Show(TextWriter output, RunView run)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(run);
        output.WriteLine($"run {run.RunId}  experiment {run.ExpId}  state {run.State}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"created {run.CreatedAt:u}  updated {run.UpdatedAt:u}  by {run.RequestedBy}  tasks {run.TaskCount}  artifacts {run.ArtifactRoot}"));
        if (run.Failure is { } failure)
            output.WriteLine($"failure: {failure}");
        if (run.WaitReason is { } waiting)
            output.WriteLine($"waiting: {waiting}");
        foreach (var stage in run.Jobs.GroupBy(job => job.Stage))
        {
            var last = stage.Last();
            output.WriteLine($"stage {stage.Key}: {last.State} ({stage.Count()} job{(stage.Count() == 1 ? "" : "s")})");
            foreach (var job in stage)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {job.JobId,-40} {job.State,-10} {job.Succeeded}/{job.TaskCount} done, {job.Running} running, {job.Pending} pending, {job.Failed} failed"));
            }
        }
        if (run.FailedTasks.Count > 0)
            output.WriteLine($"failed tasks ({run.FailedTasks.Count}):");
        foreach (var task in run.FailedTasks)
            output.WriteLine($"  failed task {task.Index}{(task.ExitCode is { } code ? $" (exit {code})" : "")}");
        if (run.Outputs is { Count: > 0 } outputs)
            output.WriteLine("outputs:");
        foreach (var file in run.Outputs ?? [])
            output.WriteLine($"  output {file}");
        if (run.Submission is { } submission)
        {
            foreach (var line in SubmissionLines(submission))
                output.WriteLine(line);
        }
        output.WriteLine("history:");
        foreach (var entry in run.History)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.At:u} {entry.State,-16} {entry.What}"));
    }

    /// <summary>
    /// The hub's verdict in words: <c>Submission: valid — {file} (hub config {folder})</c>, or
    /// <c>Submission: INVALID, N problems</c> and the first <see cref="SubmissionVerdicts.ProblemsShown"/> problems, one a line.
    /// </summary>
    public static IEnumerable<string> SubmissionLines(SubmissionView submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.Valid is not { } valid)
        {
            yield return $"Submission: unreadable — {submission.Unreadable}";
            yield break;
        }
        var file = submission.SubmissionFile is { } name ? $" — {name}" : "";
        var hub = submission.HubConfig is { } folder ? $" (hub config {folder})" : "";
        if (valid)
        {
            yield return $"Submission: valid{file}{hub}";
            yield break;
        }
        var count = submission.Problems.Count;
        yield return string.Create(CultureInfo.InvariantCulture, $"Submission: INVALID, {count} problem{(count == 1 ? "" : "s")}{file}{hub}");
        foreach (var problem in submission.Problems.Take(SubmissionVerdicts.ProblemsShown))
            yield return $"  {problem}";
        if (count > SubmissionVerdicts.ProblemsShown)
            yield return string.Create(CultureInfo.InvariantCulture, $"  … and {count - SubmissionVerdicts.ProblemsShown} more");
    }
}
