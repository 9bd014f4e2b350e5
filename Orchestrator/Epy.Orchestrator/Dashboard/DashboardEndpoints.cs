using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// The dashboard, server-rendered: <c>/</c> (runs), <c>/runs/{id}</c> (a run), its tasks (<c>/runs/{id}/tasks</c>,
/// <c>/runs/{id}/tasks/{index}</c>), their live fragments,
/// output downloads, local task logs and the static files. Its actions POST to the <c>/v1</c> API.
/// </summary>
public static class DashboardEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    /// <summary>Maps the dashboard's routes.</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", ListAsync).ExcludeFromDescription();
        app.MapGet("/dashboard/runs-rows", RowsAsync).ExcludeFromDescription();
        app.MapGet("/dashboard/{name}", DashboardAssets.Serve).ExcludeFromDescription();
        app.MapGet("/runs/{id}", RunAsync).ExcludeFromDescription();
        app.MapGet("/runs/{id}/live", LiveAsync).ExcludeFromDescription();
        app.MapGet("/runs/{id}/tasks", TasksAsync).ExcludeFromDescription();
        app.MapGet("/runs/{id}/tasks/{index:int}", TaskAsync).ExcludeFromDescription();
        app.MapGet("/runs/{id}/outputs/{name}", OutputAsync).ExcludeFromDescription();
        app.MapGet("/runs/{id}/logs/{job}/{task:int}", (string id, string job, int task, DashboardData data) => data.TaskLog(id, job, task)).ExcludeFromDescription();
        return app;
    }

    private static async Task<ContentHttpResult> ListAsync(DashboardData data, CancellationToken cancellationToken,
        [FromQuery(Name = "exp_id")] string? expId = null, [FromQuery(Name = "state")] string? state = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var filter = new RunFilter(Blank(expId), Blank(state), Blank(pageToken));
        var (runs, problem) = await data.ListAsync(filter, cancellationToken).ConfigureAwait(false);
        var experiments = await data.RecentExperimentsAsync(runs, cancellationToken).ConfigureAwait(false);
        return Page("Runs", RunListPage.Content(runs, filter, experiments, problem), data.Mode.Name);
    }

    private static async Task<ContentHttpResult> RowsAsync(DashboardData data, CancellationToken cancellationToken,
        [FromQuery(Name = "exp_id")] string? expId = null, [FromQuery(Name = "state")] string? state = null, [FromQuery(Name = "page_token")] string? pageToken = null)
    {
        var (runs, _) = await data.ListAsync(new RunFilter(Blank(expId), Blank(state), Blank(pageToken)), cancellationToken).ConfigureAwait(false);
        return Fragment(RunListPage.Rows(runs));
    }

    private static async Task<ContentHttpResult> RunAsync(string id, DashboardData data, CancellationToken cancellationToken)
    {
        if (await data.RunAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
            return NotFound(id, data.Mode.Name);
        var charts = await data.ChartsAsync(run, cancellationToken).ConfigureAwait(false);
        var files = await data.FilesAsync(run, cancellationToken).ConfigureAwait(false);
        return Page($"Run {run.RunId}", RunPage.Content(run, data.Now, charts, data.Mode, data.FailureLogOf(run), files), data.Mode.Name);
    }

    private static async Task<ContentHttpResult> TasksAsync(string id, DashboardData data, CancellationToken cancellationToken,
        [FromQuery(Name = "state")] string? state = null, [FromQuery(Name = "page")] int? page = null)
    {
        if (await data.RunAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
            return NotFound(id, data.Mode.Name);
        var files = await data.FilesAsync(run, cancellationToken, withConfigs: false).ConfigureAwait(false);
        return Page($"Tasks of run {run.RunId}", TaskListPage.Content(run, files, data.Mode, Blank(state), page ?? 1), data.Mode.Name);
    }

    private static async Task<ContentHttpResult> TaskAsync(string id, int index, DashboardData data, CancellationToken cancellationToken)
    {
        if (await data.RunAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
            return NotFound(id, data.Mode.Name);
        if (await data.TaskAsync(run, index, cancellationToken).ConfigureAwait(false) is not { } found)
            return Page("Task not found", $"<h1>Task not found</h1><p>Run <a class=\"mono\" href=\"/runs/{Html.Segment(run.RunId)}\">{Html.E(run.RunId)}</a> has no task {Html.I(index)} (yet).</p>", data.Mode.Name, StatusCodes.Status404NotFound);
        return Page($"Task {Html.I(index)} of run {run.RunId}", TaskPage.Content(run, found.Task, data.Mode, found.Diagnostics, found.Note), data.Mode.Name);
    }

    private static async Task<Results<ContentHttpResult, NotFound>> LiveAsync(string id, DashboardData data, HttpContext http, CancellationToken cancellationToken)
    {
        if (await data.RunAsync(id, cancellationToken).ConfigureAwait(false) is not { } run)
            return TypedResults.NotFound();
        var charts = await data.ChartsAsync(run, cancellationToken).ConfigureAwait(false);
        var files = await data.FilesAsync(run, cancellationToken).ConfigureAwait(false);
        // Tells the page when to stop refreshing.
        http.Response.Headers["X-Run-Final"] = StageTimeline.IsFinal(run.State) ? "true" : "false";
        return Fragment(RunPage.Live(run, data.Now, charts, data.Mode, data.FailureLogOf(run), files));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> OutputAsync(string id, string name, DashboardData data, CancellationToken cancellationToken)
    {
        if (!OutputFileName.IsValid(name))
            return TypedResults.Problem($"'{name}' is not an output file name", statusCode: StatusCodes.Status400BadRequest, title: "bad file name");
        if (!RunId.TryParse(id, out var run))
            return TypedResults.NotFound();
        Stream? stream;
        try
        {
            stream = await data.OpenOutputAsync(run, name, cancellationToken).ConfigureAwait(false);
        }
        catch (CommandFailedException unreadable)
        {
            // Nothing but the file can answer this request: say it is unavailable, not broken.
            return TypedResults.Problem(unreadable.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "output unavailable");
        }
        if (stream is null)
            return TypedResults.Problem($"run {id} has no output {name}", statusCode: StatusCodes.Status404NotFound, title: "output not found");
        var type = ContentType(name);
        // Images show in the page; everything else downloads under its own name.
        return type == "image/png" ? TypedResults.Stream(stream, type) : TypedResults.Stream(stream, type, fileDownloadName: name);
    }

    /// <summary>The content type of an output file, by its name.</summary>
    public static string ContentType(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            return "image/png";
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return "application/gzip";
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            return "application/json";
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            return "text/csv";
        return "application/octet-stream";
    }

    private static ContentHttpResult NotFound(string id, string mode) =>
        Page("Run not found", $"<h1>Run not found</h1><p>There is no run <span class=\"mono\">{Html.E(id)}</span>. <a href=\"/\">All runs</a></p>", mode, StatusCodes.Status404NotFound);

    private static ContentHttpResult Page(string title, string main, string mode, int status = StatusCodes.Status200OK) =>
        TypedResults.Content(Layout.Page(title, main, mode), HtmlType, statusCode: status);

    private static ContentHttpResult Fragment(string html) => TypedResults.Content(html, HtmlType);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
