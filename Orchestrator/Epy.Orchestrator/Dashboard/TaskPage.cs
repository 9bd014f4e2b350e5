using System.Globalization;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// One task at <c>/runs/{id}/tasks/{index}</c> (pure): its location, state, time, attempts, exit code and log,
/// and for a calibration its diagnostics per generation (ε, particles, simulations, acceptance, time) with a
/// sparkline of ε, read from the task's result file.
/// </summary>
public static class TaskPage
{
    /// <summary>Where task <paramref name="index"/> of run <paramref name="runId"/> is shown.</summary>
    public static string Href(string runId, int index) => string.Create(CultureInfo.InvariantCulture, $"/runs/{Segment(runId)}/tasks/{index}");

    /// <summary>
    /// The page's main content; <paramref name="diagnosticsNote"/> says why there are no diagnostics when
    /// <paramref name="diagnostics"/> is null, or where they come from when they are partial.
    /// </summary>
    public static string Content(RunView run, TaskRow task, IDashboardMode logs, CalibrationDiagnostics? diagnostics, string? diagnosticsNote)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(logs);
        var log = task.JobId is null ? null : logs.TaskLogHref(run.RunId, task.JobId, task.Index);
        var title = $"Task {I(task.Index)}{(task.Label.Length == 0 ? "" : " · " + E(task.Label))}";
        return $"""
            <nav aria-label="Breadcrumb" class="crumbs"><a href="/">Runs</a> / <a href="/?exp_id={Segment(run.ExpId)}">{E(run.ExpId)}</a> / <a href="/runs/{Segment(run.RunId)}">{E(run.RunId)}</a> / <a href="{E(TaskListPage.Href(run.RunId, null, 1))}">tasks</a> / <span aria-current="page">{I(task.Index)}</span></nav>
            <h1>{title}</h1>
            <p class="state-line">{Layout.Badge(task.State)}</p>
            <dl class="facts">
            <div><dt>Location</dt><dd>{(task.Label.Length == 0 ? "unknown" : E(task.Label))}</dd></div>
            <div><dt>Ran</dt><dd>{(task.Duration is { } ran ? E(Duration(ran)) : "–")}</dd></div>
            <div><dt>Attempts</dt><dd>{(task.Attempts is { } n ? I(n) : "–")}</dd></div>
            <div><dt>Exit code</dt><dd>{(task.ExitCode is { } code ? $"{I(code)}: {E(StageExitCodes.Meaning(code))}" : "–")}</dd></div>
            <div><dt>Log</dt><dd>{(log is null ? "–" : $"<a href=\"{E(log)}\">log of task {I(task.Index)}</a>")}</dd></div>
            </dl>
            <section aria-labelledby="calibration-title">
            <h2 id="calibration-title">Calibration</h2>
            {(diagnosticsNote is null && diagnostics is not null ? "" : $"<p id=\"calibration-note\">{E(diagnosticsNote ?? "No calibration diagnostics.")}</p>")}
            {(diagnostics is null ? "" : Diagnostics(diagnostics))}
            </section>
            """;
    }

    private static string Diagnostics(CalibrationDiagnostics diagnostics)
    {
        if (diagnostics.Generations.Count == 0)
            return $"<p id=\"calibration-note\">The calibration ({E(diagnostics.Strategy)}) completed no generation: it stopped with {E(diagnostics.StopReason)}.</p>";
        var rows = string.Concat(diagnostics.Generations.Select(g => string.Create(CultureInfo.InvariantCulture,
            $"<tr><th scope=\"row\">{g.Index + 1}</th><td>{E(EpsilonSparkline.G(g.Epsilon))}</td><td>{g.Particles}</td><td>{(g.Simulations is { } n ? n.ToString("N0", CultureInfo.InvariantCulture) : "–")}</td><td>{g.AcceptanceRate * 100:0.#}%</td><td>{E(Duration(TimeSpan.FromSeconds(g.WallTimeSeconds)))}</td></tr>")));
        return $"""
            <p>{(diagnostics.Strategy.Length == 0 ? "" : $"{E(diagnostics.Strategy)}, stopped: {E(diagnostics.StopReason.Replace('_', ' '))}. ")}{EpsilonSparkline.Render(diagnostics.Generations)}</p>
            <table class="numbers" id="generations">
            <caption>ε and acceptance per generation</caption>
            <thead><tr><th scope="col">Generation</th><th scope="col">ε</th><th scope="col">Particles</th><th scope="col">Simulations</th><th scope="col">Acceptance</th><th scope="col">Took</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """;
    }
}
