using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Contracts.Runs;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// A run's page at <c>/runs/{id}</c> (pure): summary and actions, stage timeline, task progress and
/// table, outputs, the hub's verdict on the submission, fan charts, the configs it used and history. While the run is not finished, dashboard.js refreshes
/// the live part from <c>/runs/{id}/live</c>.
/// </summary>
public static partial class RunPage
{
    /// <summary>The page's main content.</summary>
    public static string Content(RunView run, DateTimeOffset now, ChartSet charts, IDashboardMode logs, FailureLog? failureLog = null, RunPageFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"""
            <nav aria-label="Breadcrumb" class="crumbs"><a href="/">Runs</a> / <a href="/?exp_id={Segment(run.ExpId)}">{E(run.ExpId)}</a> / <span aria-current="page">{E(run.RunId)}</span></nav>
            <h1>Run <span class="mono">{E(run.RunId)}</span></h1>
            <noscript><p class="note">This page refreshes itself and its actions work with JavaScript; reload it to see the latest state.</p></noscript>
            <div id="live" data-live="/runs/{Segment(run.RunId)}/live" data-final="{(StageTimeline.IsFinal(run.State) ? "true" : "false")}" data-every="2000">
            {Live(run, now, charts, logs, failureLog, files)}
            </div>
            """;
    }

    /// <summary>The part of the page that changes while the run moves.</summary>
    public static string Live(RunView run, DateTimeOffset now, ChartSet charts, IDashboardMode logs, FailureLog? failureLog = null, RunPageFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(logs);
        files ??= RunPageFiles.None;
        return string.Join("\n", Summary(run, now, failureLog), Actions(run), Stages(run, now), Tasks(run, logs, files), Outputs(run), Submission(run.Submission), Charts(run, charts), Configs(files), History(run));
    }

    private static string Summary(RunView run, DateTimeOffset now, FailureLog? failureLog)
    {
        var final = StageTimeline.IsFinal(run.State);
        var elapsed = (final ? run.UpdatedAt : now) - run.CreatedAt;
        var labels = run.Labels.Count == 0 ? "none" : string.Join(", ", run.Labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{E(p.Key)}={E(p.Value)}"));
        return $"""
            <section aria-labelledby="summary-title" class="summary">
            <h2 id="summary-title" class="visually-hidden">Summary</h2>
            <p class="state-line">{Layout.Badge(run.State)} <span>{(final ? "took" : "running for")} {E(Duration(elapsed))}</span></p>
            {(run.Failure is { } failure ? $"<p class=\"failure\" role=\"status\"><strong>{(run.State == "CANCELLED" ? "Why" : "Failure")}:</strong> {E(failure)}</p>" : "")}
            {FailureTail(run, failureLog)}
            {(run.WaitReason is { } waiting ? $"<p class=\"waiting\" role=\"status\"><strong>Waiting in the queue:</strong> {E(waiting)}</p>" : "")}
            <dl class="facts">
            <div><dt>Experiment</dt><dd>{E(run.ExpId)}</dd></div>
            <div><dt>Created</dt><dd>{TimeElement(run.CreatedAt)}</dd></div>
            <div><dt>Updated</dt><dd>{TimeElement(run.UpdatedAt)}</dd></div>
            <div><dt>Deadline</dt><dd>{(run.Deadline is { } deadline ? TimeElement(deadline) : "none")}</dd></div>
            <div><dt>Requested by</dt><dd>{E(run.RequestedBy)}</dd></div>
            <div><dt>Resumes</dt><dd>{I(run.AutoResumesUsed)} automatic, {I(run.ManualResumes)} asked for</dd></div>
            <div><dt>Labels</dt><dd>{labels}</dd></div>
            <div><dt>Files</dt><dd class="mono">{E(run.ArtifactRoot)}</dd></div>
            </dl>
            </section>
            """;
    }

    private static string Actions(RunView run)
    {
        var id = Segment(run.RunId);
        var buttons = new List<string>();
        if (!StageTimeline.IsFinal(run.State) && run.State != "CANCELLING")
            buttons.Add($"""<button type="button" class="danger" id="action-cancel" data-action="cancel" data-url="/v1/runs/{id}:cancel" data-confirm="Cancel run {E(run.RunId)}? Its running jobs are stopped; this cannot be undone.">Cancel run</button>""");
        if (Resumable(run))
            buttons.Add($"""<button type="button" id="action-resume" data-action="resume" data-url="/v1/runs/{id}:resume" data-confirm="Resume run {E(run.RunId)}? {(run.State == "CANCELLED" ? "It goes on from the step it was stopped in." : "Only its failed tasks run again.")}">Resume run</button>""");
        buttons.Add($"""<button type="button" id="action-start" data-action="start" data-url="/v1/runs" data-exp-id="{E(run.ExpId)}" data-confirm="Start a new run of {E(run.ExpId)}?">Start another run of {E(run.ExpId)}</button>""");
        return $"<section aria-label=\"Actions\" class=\"actions\">{string.Join(" ", buttons)}</section>";
    }

    /// <summary>
    /// A failed or cancelled run can be resumed, unless every task that failed was refused as bad input
    /// (exit 3: the same input fails again; fix the experiment and start a new run).
    /// </summary>
    private static bool Resumable(RunView run) =>
        run.State is "FAILED" or "CANCELLED"
        && !(run.FailedTasks.Count > 0 && run.FailedTasks.All(t => t.ExitCode == StageExitCodes.BadInput));

    // The failed task's last log lines under the banner, with the whole log one click away.
    private static string FailureTail(RunView run, FailureLog? log)
    {
        if (log is null)
            return "";
        var link = $"<a href=\"/runs/{Segment(run.RunId)}/logs/{Segment(log.JobId)}/{I(log.Task)}\">whole log</a>";
        return log.Lines.Count == 0
            ? $"<p class=\"failure-log\">The {E(log.What)} log is empty ({link}).</p>"
            : $"""
                <details class="failure-log" open><summary>Last lines of the {E(log.What)} log ({link})</summary>
                <pre>{E(string.Join("\n", log.Lines))}</pre>
                </details>
                """;
    }
}
