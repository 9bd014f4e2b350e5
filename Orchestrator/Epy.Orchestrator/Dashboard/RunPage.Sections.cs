using System.Globalization;
using System.Text;
using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Runs;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

public static partial class RunPage
{
    private static readonly (string Stage, string Name)[] StageNames = [("builder", "A · builder"), ("runner", "B · runner"), ("output", "C · output")];

    private static string Stages(RunView run, DateTimeOffset now)
    {
        var spans = StageTimeline.Of(run, now);
        var rows = new StringBuilder();
        foreach (var (stage, name) in StageNames)
        {
            var ofStage = spans.Where(s => s.Stage == stage).ToList();
            if (ofStage.Count == 0)
            {
                rows.Append(CultureInfo.InvariantCulture, $"<tr class=\"not-started\"><th scope=\"row\">{name}</th><td>not started</td><td>–</td><td>–</td><td></td></tr>");
                continue;
            }
            foreach (var span in ofStage)
            {
                var label = span.Attempt > 1 ? $"{name}, attempt {I(span.Attempt)}" : name;
                var queuedWidth = Math.Max(span.RunningFrom - span.QueuedFrom, 0);
                var runningWidth = Math.Max(span.Until - span.RunningFrom, 0);
                rows.Append(CultureInfo.InvariantCulture, $"""
                    <tr><th scope="row">{label}</th><td>{Layout.Badge(span.State)} <span class="phase">{span.Phase}</span></td><td>{E(Duration(span.Queued))}</td><td>{(span.Running is { } ran ? E(Duration(ran)) : "–")}</td><td class="bar-cell"><div class="bar" aria-hidden="true"><span class="queued" style="left:{Percent(span.QueuedFrom)};width:{Percent(queuedWidth)}"></span><span class="running phase-{span.Phase} ended-{span.State.ToLowerInvariant()}" style="left:{Percent(span.RunningFrom)};width:{Percent(span.Running is null ? 0 : runningWidth)}"></span></div></td></tr>
                    """);
            }
        }
        return $"""
            <section aria-labelledby="stages-title">
            <h2 id="stages-title">Stages</h2>
            <table class="stages">
            <caption class="visually-hidden">Each stage's job: its state, how long it was queued and how long it ran</caption>
            <thead><tr><th scope="col">Stage</th><th scope="col">State</th><th scope="col">Queued</th><th scope="col">Ran</th><th scope="col"><span class="legend-queued">queued</span> <span class="legend-running">running</span> <span class="legend-done">succeeded</span> <span class="legend-failed">failed</span> <span class="legend-cancelled">cancelled</span></th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            </section>
            """;
    }

    private static string Outputs(RunView run)
    {
        var prefix = run.ArtifactRoot + "outputs/";
        var names = (run.Outputs ?? []).Where(o => o.StartsWith(prefix, StringComparison.Ordinal)).Select(o => o[prefix.Length..]).ToList();
        var body = run.OutputsProblem is { } problem
            ? $"<p id=\"outputs-problem\">The outputs cannot be shown now: {E(problem)}</p>"
            : names.Count == 0
            ? $"<p>{(StageTimeline.IsFinal(run.State) ? "This run wrote no outputs." : "The output stage writes them when the tasks are done.")}</p>"
            : $"<ul class=\"outputs\">{string.Concat(names.Select(n => $"<li><a href=\"{E(OutputHref(run.RunId, n))}\" download>{E(n)}</a></li>"))}</ul>";
        return $"""
            <section aria-labelledby="outputs-title">
            <h2 id="outputs-title">Outputs</h2>
            {body}
            </section>
            """;
    }

    // The hub's verdict on the submission, in words and colour (the state badges' colours, contrast-checked).
    private static string Submission(SubmissionView? submission)
    {
        if (submission is null)
            return "";
        string body;
        if (submission.Valid is not { } valid)
            body = $"<p><span class=\"badge state-unknown\" id=\"submission-verdict\">Submission check unreadable</span></p><p>{E($"submission check unreadable: {submission.Unreadable}")}</p>";
        else if (valid)
            body = $"<p><span class=\"badge state-succeeded\" id=\"submission-verdict\">Submission valid</span> {HubFile(submission, "The")} passes the hub's validation.</p>";
        else
        {
            var shown = string.Concat(submission.Problems.Take(SubmissionVerdicts.ProblemsShown).Select(p => $"<li>{E(p)}</li>"));
            var more = submission.Problems.Count > SubmissionVerdicts.ProblemsShown ? $"<p>and {I(submission.Problems.Count - SubmissionVerdicts.ProblemsShown)} more</p>" : "";
            body = $"""
                <p><span class="badge state-failed" id="submission-verdict">Submission invalid</span> The hub would reject {HubFile(submission, "the")}{(submission.Problems.Count == 0 ? "." : ":")}</p>
                {(shown.Length == 0 ? "" : $"<ul class=\"submission-problems\">{shown}</ul>")}{more}
                """;
        }
        return $"""
            <section aria-labelledby="submission-title">
            <h2 id="submission-title">Submission</h2>
            {body}
            </section>
            """;
    }

    private static string HubFile(SubmissionView submission, string article) =>
        submission.SubmissionFile is { } file ? $"{article} hub file <span class=\"mono\">{E(file)}</span>" : $"{article} hub file";

    private static string Charts(RunView run, ChartSet charts)
    {
        var body = new StringBuilder();
        var n = 0;
        foreach (var chart in charts.Charts)
        {
            var id = $"chart-{++n}";
            body.Append(CultureInfo.InvariantCulture, $"""
                <figure class="chart" aria-labelledby="{id}-caption">
                <figcaption id="{id}-caption"><strong>{E(chart.Title)}</strong> · {E(chart.ValueLabel)}: median with 50% and 90% intervals, observed as dots</figcaption>
                {FanChartSvg.Render(chart, id)}
                <details id="{id}-data"><summary>Numbers behind this chart</summary>{DataTable(chart)}</details>
                </figure>
                """);
        }
        foreach (var image in charts.Images)
            body.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><img src=\"{E(OutputHref(run.RunId, image))}\" alt=\"Fan chart {E(image)} as drawn by the output stage\"><figcaption>{E(image)}</figcaption></figure>");
        if (charts.Note is { } note)
            body.Append(CultureInfo.InvariantCulture, $"<p>{E(note)}</p>");
        return $"""
            <section aria-labelledby="charts-title">
            <h2 id="charts-title">Forecast</h2>
            <div class="charts">{body}</div>
            </section>
            """;
    }

    private static string DataTable(FanChartData chart)
    {
        var observed = chart.Observed.ToDictionary(p => p.Date, p => p.Value);
        var dates = chart.Weeks.Concat(observed.Keys).Distinct().Order().ToList();
        var index = chart.Weeks.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);
        var rows = string.Concat(dates.Select(d =>
        {
            string Cell(IReadOnlyList<double> values) => index.TryGetValue(d, out var i) && i < values.Count ? N(values[i]) : "";
            return $"<tr><th scope=\"row\">{d:yyyy-MM-dd}</th><td>{(observed.TryGetValue(d, out var o) ? N(o) : "")}</td><td>{Cell(chart.Lower90)}</td><td>{Cell(chart.Lower50)}</td><td>{Cell(chart.Median)}</td><td>{Cell(chart.Upper50)}</td><td>{Cell(chart.Upper90)}</td></tr>";
        }));
        return $"<table class=\"numbers\"><thead><tr><th scope=\"col\">Week ending</th><th scope=\"col\">Observed</th><th scope=\"col\">5%</th><th scope=\"col\">25%</th><th scope=\"col\">Median</th><th scope=\"col\">75%</th><th scope=\"col\">95%</th></tr></thead><tbody>{rows}</tbody></table>";
    }

    private static string History(RunView run)
    {
        if (run.History.Count == 0)
            return "";
        var rows = string.Concat(run.History.Reverse().Select(h => $"<tr><td>{TimeElement(h.At)}</td><td>{Layout.Badge(h.State)}</td><td>{E(h.What)}</td></tr>"));
        return $"""
            <section aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <details id="history"><summary>{I(run.History.Count)} entries, newest first</summary>
            <table class="history"><thead><tr><th scope="col">When</th><th scope="col">State after</th><th scope="col">What</th></tr></thead><tbody>{rows}</tbody></table>
            </details>
            </section>
            """;
    }

    /// <summary>Where output <paramref name="name"/> of run <paramref name="runId"/> is downloaded.</summary>
    public static string OutputHref(string runId, string name) => $"/runs/{Segment(runId)}/outputs/{Segment(name)}";

    private static string Percent(double fraction) => (Math.Clamp(fraction, 0, 1) * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
