using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Local;

namespace Epy.Cli;

/// <summary>
/// What the terminal shows when a local run ends without succeeding: the failing task's last log lines
/// (the builder's <c>file:line:column</c> errors among them) and the exact <c>epycloud logs</c> command
/// for the whole log, or how to resume a run that was stopped.
/// </summary>
public static class LocalFailureReport
{
    /// <summary>The most log lines shown.</summary>
    public const int TailLines = 30;

    /// <summary>The lines to print for <paramref name="state"/>, a run of the forecast repository <paramref name="projectDir"/>.</summary>
    public static IReadOnlyList<string> Lines(RunState state, string logsRoot, string projectDir)
    {
        ArgumentNullException.ThrowIfNull(state);
        var lines = new List<string>();
        if (state.Status == RunStatus.Failed && state.ActiveJob is { } job && FailingTask(state, job) is { } index)
        {
            var file = LocalModeOptions.TaskLogPath(logsRoot, state.Run.Value, job.Id.Value, index);
            var failing = job.Id.Stage == Stage.Runner
                ? string.Create(CultureInfo.InvariantCulture, $"runner task {index}{ExitCode(state.FailedTasks[0].ExitCode)}{(state.FailedTasks.Count > 1 ? $", 1 of {state.FailedTasks.Count} failed tasks" : "")}")
                : job.Id.Stage.Command();
            var tail = Tail(file);
            if (tail.Count > 0)
            {
                lines.Add($"last lines of the {failing} log ({file}):");
                lines.AddRange(tail.Select(line => "  | " + line));
            }
            else
            {
                lines.Add($"the {failing} log is empty or missing: {file}");
            }
            var stage = job.Id.Stage switch { Stage.Builder => "a", Stage.Runner => "b", _ => "c" };
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"whole log: epycloud logs --local --run-id {state.Run} --stage {stage}{(job.Id.Stage == Stage.Runner ? $" --task-index {index}" : "")} --project-dir {Quote(projectDir)}"));
        }
        // Tasks refused as bad input fail again with the same inputs; a builder failure is re-run from the
        // repository as it is now, so a fixed config resumes.
        var badInput = state.FailedTasks.Count > 0 && state.FailedTasks.All(t => t.ExitCode == StageExitCodes.BadInput);
        if (state.Status is RunStatus.Cancelled || state.Status is RunStatus.Failed && !badInput)
            lines.Add($"resume it: epycloud run --local --exp-id {state.Experiment} --run-id {state.Run} --project-dir {Quote(projectDir)}");
        else if (badInput)
            lines.Add($"the tasks' inputs were refused: fix the experiment and start a new run (epycloud validate --exp-id {state.Experiment} --project-dir {Quote(projectDir)})");
        return lines;
    }

    // The task whose log tells why: the first failed runner task, or the builder's or output's one task.
    private static int? FailingTask(RunState state, JobRecord job) =>
        job.Id.Stage != Stage.Runner ? 0 : state.FailedTasks.Count > 0 ? state.FailedTasks[0].Index : null;

    /// <summary>The last <see cref="TailLines"/> non-empty lines of <paramref name="file"/>; empty when it cannot be read.</summary>
    public static IReadOnlyList<string> Tail(string file) => LogTail.Read(file, TailLines);

    private static string ExitCode(int? code) => code is { } c ? string.Create(CultureInfo.InvariantCulture, $" (exit {c}{(c == StageExitCodes.BadInput ? ": bad input, fix the experiment" : "")})") : "";

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
