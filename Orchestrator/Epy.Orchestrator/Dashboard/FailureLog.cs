namespace Epy.Orchestrator.Dashboard;

/// <summary>The end of the log of the task a failed run failed on, shown under its failure banner.</summary>
/// <param name="What">The task in words: <c>builder</c>, or <c>runner task 3 (exit 3)</c>.</param>
/// <param name="JobId">The task's job.</param>
/// <param name="Task">The task's index in its run (its log's name).</param>
/// <param name="Lines">The log's last lines; empty when it has none.</param>
public sealed record FailureLog(string What, string JobId, int Task, IReadOnlyList<string> Lines);
