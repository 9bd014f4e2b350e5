using System.Globalization;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

public static partial class RunPage
{
    /// <summary>The most task rows the run page lists (failed and running first); the tasks page pages through all.</summary>
    public const int TaskRowsShown = 25;

    private static string Tasks(RunView run, IDashboardMode logs, RunPageFiles files)
    {
        var progress = TaskProgress.Of(run);
        var bar = progress.Total == 0
            ? ""
            : $"<progress id=\"task-progress\" max=\"{I(progress.Total)}\" value=\"{I(progress.Done)}\" aria-describedby=\"task-progress-text\">{I(progress.Done)} of {I(progress.Total)}</progress>";
        var table = "";
        if (files.Tasks.Count > 0)
        {
            var shown = TaskRows.UrgentFirst(files.Tasks).Take(TaskRowsShown).ToList();
            var all = TaskListPage.Href(run.RunId, state: null, page: 1);
            var caption = shown.Count < files.Tasks.Count
                ? string.Create(CultureInfo.InvariantCulture, $"{shown.Count} of {files.Tasks.Count:N0} tasks, failed and running first · <a href=\"{E(all)}\" id=\"all-tasks\">all {files.Tasks.Count:N0} tasks</a>")
                : $"Every task, failed and running first · <a href=\"{E(all)}\" id=\"all-tasks\">task list</a>";
            table = TaskTable(run, shown, logs, caption);
        }
        var problem = files.Problem is { } why ? $"<p class=\"note\" id=\"tasks-problem\">Tasks are shown by number only: {E(why)}</p>" : "";
        return $"""
            <section aria-labelledby="tasks-title">
            <h2 id="tasks-title">Tasks</h2>
            <div class="progress">{bar} <span id="task-progress-text">{E(progress.Sentence)}</span></div>
            {problem}{table}
            </section>
            """;
    }

    /// <summary>A table of task rows <paramref name="rows"/> of <paramref name="run"/>, each linking to its task page and its log.</summary>
    public static string TaskTable(RunView run, IEnumerable<TaskRow> rows, IDashboardMode logs, string caption)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(logs);
        var body = string.Concat(rows.Select(task =>
        {
            var log = task.JobId is null ? null : logs.TaskLogHref(run.RunId, task.JobId, task.Index);
            var exit = task.ExitCode is { } code ? $"{I(code)} <span class=\"phase\">{E(StageExitCodes.Meaning(code))}</span>" : "–";
            return $"<tr class=\"task-{E(task.State.ToLowerInvariant())}\"><th scope=\"row\"><a href=\"{E(TaskPage.Href(run.RunId, task.Index))}\">{I(task.Index)}</a></th>"
                + $"<td>{(task.Label.Length == 0 ? "–" : E(task.Label))}</td><td>{Layout.Badge(task.State)}</td>"
                + $"<td>{(task.Duration is { } ran ? E(Duration(ran)) : "–")}</td><td>{(task.Attempts is { } n ? I(n) : "–")}</td><td>{exit}</td>"
                + $"<td>{(log is null ? "–" : $"<a href=\"{E(log)}\">log</a>")}</td></tr>";
        }));
        return $"""
            <table class="tasks" id="task-table">
            <caption>{caption}</caption>
            <thead><tr><th scope="col">Task</th><th scope="col">Location</th><th scope="col">State</th><th scope="col">Ran</th><th scope="col">Attempts</th><th scope="col">Exit code</th><th scope="col">Log</th></tr></thead>
            <tbody>{body}</tbody>
            </table>
            """;
    }

    private static string Configs(RunPageFiles files)
    {
        if (files.Configs.Count == 0)
            return "";
        var n = 0;
        var items = string.Concat(files.Configs.Select(config =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"config-{++n}");
            var body = config.Text is { } text
                ? $"<pre class=\"config\" aria-label=\"{E(config.Name)}\">{E(text)}</pre>"
                : $"<p class=\"note\">{E(config.Problem ?? "not readable")}</p>";
            return $"<details id=\"{id}\" class=\"config-file\"><summary class=\"mono\">{E(config.Name)}</summary>{body}</details>";
        }));
        return $"""
            <section aria-labelledby="configs-title">
            <h2 id="configs-title">Configs</h2>
            <p>The experiment's files as this run read them (copied by the builder, read-only).</p>
            {items}
            </section>
            """;
    }
}
