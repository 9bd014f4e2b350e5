using System.Globalization;
using Epy.Contracts.Api;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// A run's tasks at <c>/runs/{id}/tasks</c> (pure): every Stage B task, failed and running first, a page of
/// <see cref="PageSize"/> at a time, filtered by state, with each state's count. A run of 5,000 tasks stays a light page.
/// </summary>
public static class TaskListPage
{
    /// <summary>Tasks per page.</summary>
    public const int PageSize = 100;

    private static readonly string[] States = ["FAILED", "RUNNING", "PENDING", "SUCCEEDED", "CANCELLED", "UNKNOWN"];

    /// <summary>Where page <paramref name="page"/> of <paramref name="runId"/>'s tasks in <paramref name="state"/> (or all) is.</summary>
    public static string Href(string runId, string? state, int page)
    {
        var query = new List<string>();
        if (state is not null)
            query.Add("state=" + Segment(state));
        if (page > 1)
            query.Add(string.Create(CultureInfo.InvariantCulture, $"page={page}"));
        return $"/runs/{Segment(runId)}/tasks" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }

    /// <summary>The page's main content: page <paramref name="page"/> (from 1) of the tasks in <paramref name="state"/> (null: all).</summary>
    public static string Content(RunView run, RunPageFiles files, IDashboardMode logs, string? state, int page)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(files);
        state = state?.ToUpperInvariant();
        var counts = files.Tasks.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        var matching = TaskRows.UrgentFirst(files.Tasks.Where(t => state is null || t.State == state)).ToList();
        var pages = Math.Max(1, (matching.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = matching.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var choices = new List<(string? Name, int Count)> { (null, files.Tasks.Count) };
        choices.AddRange(States.Where(counts.ContainsKey).Select(s => ((string?)s, counts[s])));
        var filters = string.Join(" · ", choices.Select(f => f.Name == state
            ? $"<strong aria-current=\"true\">{Label(f.Name)} ({f.Count:N0})</strong>"
            : $"<a href=\"{E(Href(run.RunId, f.Name, 1))}\">{Label(f.Name)} ({f.Count:N0})</a>"));
        var first = (page - 1) * PageSize + 1;
        var caption = shown.Count == 0
            ? "No task in this state."
            : string.Create(CultureInfo.InvariantCulture, $"Tasks {first:N0} to {first + shown.Count - 1:N0} of {matching.Count:N0}, failed and running first");
        var pager = pages == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"""
            <nav aria-label="Pages" class="pager">{(page > 1 ? $"<a rel=\"prev\" href=\"{E(Href(run.RunId, state, page - 1))}\">← previous</a>" : "")} <span>page {page} of {pages}</span> {(page < pages ? $"<a rel=\"next\" id=\"next-page\" href=\"{E(Href(run.RunId, state, page + 1))}\">next →</a>" : "")}</nav>
            """);
        return $"""
            <nav aria-label="Breadcrumb" class="crumbs"><a href="/">Runs</a> / <a href="/?exp_id={Segment(run.ExpId)}">{E(run.ExpId)}</a> / <a href="/runs/{Segment(run.RunId)}">{E(run.RunId)}</a> / <span aria-current="page">tasks</span></nav>
            <h1>Tasks of run <span class="mono">{E(run.RunId)}</span></h1>
            <p class="state-line">{Layout.Badge(run.State)}</p>
            {(files.Problem is { } why ? $"<p class=\"note\">Tasks are shown by number only: {E(why)}</p>" : "")}
            <p class="task-filters">{filters}</p>
            {(files.Tasks.Count == 0 ? "<p>The task list is known once the builder is done.</p>" : RunPage.TaskTable(run, shown, logs, caption))}
            {pager}
            """;
    }

    private static string Label(string? state) => state is null ? "all" : E(state.ToLowerInvariant());
}
