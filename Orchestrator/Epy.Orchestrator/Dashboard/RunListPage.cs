using Epy.Contracts.Api;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>The list of runs at <c>/</c>: start form, filters, table of runs (newest first) refreshed in place.</summary>
public static class RunListPage
{
    /// <summary>Every run state, in lifecycle order.</summary>
    public static IReadOnlyList<string> States { get; } =
        ["PENDING", "BUILDING_INPUTS", "RUNNING_TASKS", "AGGREGATING", "SUCCEEDED", "FAILED", "CANCELLING", "CANCELLED"];

    /// <summary>The page's main content.</summary>
    /// <param name="runs">The page of runs.</param>
    /// <param name="filter">The filter it was listed with.</param>
    /// <param name="experiments">Experiment ids to suggest (those of recent runs).</param>
    /// <param name="problem">Why the filter was not applied, if it was not.</param>
    public static string Content(RunList runs, RunFilter filter, IEnumerable<string> experiments, string? problem)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(filter);
        var options = string.Concat(experiments.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(e => $"<option value=\"{E(e)}\"></option>"));
        var states = string.Concat(States.Select(s => $"<option value=\"{s}\"{(s == filter.State ? " selected" : "")}>{E(s.Replace('_', ' '))}</option>"));
        return $"""
            <div class="title-row">
            <h1>Runs</h1>
            <button type="button" class="primary" data-action="start" data-url="/v1/runs" data-confirm="Start a new run of this experiment?">Start a run…</button>
            </div>
            <noscript><p class="note">Starting, cancelling and resuming runs need JavaScript (or the API: <code>POST /v1/runs</code>).</p></noscript>
            <datalist id="experiments">{options}</datalist>
            <form class="filters" method="get" action="/" role="search" aria-label="Filter runs">
            <label>Experiment <input name="exp_id" list="experiments" value="{E(filter.ExpId)}" autocomplete="off" spellcheck="false"></label>
            <label>State <select name="state"><option value="">any</option>{states}</select></label>
            <button type="submit">Filter</button>
            {(filter.IsEmpty ? "" : "<a href=\"/\">Clear</a>")}
            </form>
            {(problem is null ? "" : $"<p class=\"error\" role=\"alert\">{E(problem)}</p>")}
            <table class="runs">
            <caption>Runs{(filter.IsEmpty ? "" : " matching the filter")}, newest first <span class="refreshed" data-refreshed></span></caption>
            <thead><tr><th scope="col">Run</th><th scope="col">Experiment</th><th scope="col">State</th><th scope="col">Tasks</th><th scope="col">Created</th><th scope="col">Took</th><th scope="col">By</th></tr></thead>
            <tbody id="runs" data-refresh="{E(filter.RowsUrl)}" data-every="3000">
            {Rows(runs)}
            </tbody>
            </table>
            {(runs.NextPageToken is { } next ? $"<p><a href=\"{E(filter.PageUrl(next))}\">Older runs</a></p>" : "")}
            """;
    }

    /// <summary>The table's rows (also served alone, for the periodic refresh).</summary>
    public static string Rows(RunList runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Runs.Count == 0)
            return "<tr><td colspan=\"7\" class=\"empty\">No runs yet.</td></tr>";
        return string.Join("\n", runs.Runs.Select(run =>
        {
            var progress = TaskProgress.Of(run);
            var took = run.UpdatedAt - run.CreatedAt;
            return $"""<tr><th scope="row"><a href="/runs/{Segment(run.RunId)}">{E(run.RunId)}</a></th><td><a href="/?exp_id={Segment(run.ExpId)}">{E(run.ExpId)}</a></td><td>{Layout.Badge(run.State)}</td><td>{E(progress.Brief)}</td><td>{TimeElement(run.CreatedAt)}</td><td>{(StageTimeline.IsFinal(run.State) ? E(Duration(took)) : "running")}</td><td>{E(run.RequestedBy)}</td></tr>""";
        }));
    }
}
