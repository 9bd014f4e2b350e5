using System.Globalization;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// What the dashboard's pages read, from the ports either mode registers (run store, artifacts and run files, clock, and
/// <see cref="IDashboardMode"/> for the mode's name and its task logs): bound per request from the request's
/// services, so the dashboard needs no registration of its own.
/// </summary>
public sealed partial class DashboardData(IRunStore store, IRunArtifacts artifacts, IRunFiles files, ArtifactLayout layout, TimeProvider time, IDashboardMode mode)
{
    /// <summary>Charts' data files larger than this are not drawn (a page should stay light).</summary>
    public const long MaxChartBytes = 8 * 1024 * 1024;

    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The mode the dashboard runs in: its name and where task logs are.</summary>
    public IDashboardMode Mode => mode;

    /// <summary>The time the pages measure durations to.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Minimal APIs' binding: the request's services.</summary>
    public static ValueTask<DashboardData?> BindAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        return ValueTask.FromResult<DashboardData?>(new DashboardData(
            services.GetRequiredService<IRunStore>(), services.GetRequiredService<IRunArtifacts>(), services.GetService<IRunFiles>() ?? NoRunFiles.Instance, services.GetRequiredService<ArtifactLayout>(),
            services.GetService<TimeProvider>() ?? TimeProvider.System, services.GetRequiredService<IDashboardMode>()));
    }

    /// <summary>A page of 50 runs, newest first, with the filter's problem when it is not valid (then unfiltered).</summary>
    public async Task<(RunList Runs, string? Problem)> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        const int size = 50;
        var problems = new List<string>();
        ExperimentId? experiment = null;
        if (filter.ExpId is { } expId)
        {
            if (ExperimentId.TryParse(expId, out var parsed, out var reason))
                experiment = parsed;
            else
                problems.Add($"Experiment: {reason}.");
        }
        RunStatus? status = null;
        if (filter.State is { } state)
        {
            if (RunStatuses.TryParse(state, out var parsed))
                status = parsed;
            else
                problems.Add($"State: '{state}' is not a run state.");
        }
        RunId? after = filter.PageToken is { } token && RunId.TryParse(token, out var from) ? from : null;
        var page = await store.ListAsync(new RunQuery(experiment, status, size, after), cancellationToken).ConfigureAwait(false);
        var runs = page.Runs.Select(run => RunViews.From(run, layout.DirPrefix, outputs: null) with { History = [] }).ToList();
        return (new RunList(runs, page.Next?.Value), problems.Count == 0 ? null : string.Join(" ", problems) + " Showing every run.");
    }

    /// <summary>The experiments of the 200 most recent runs, to suggest in the forms.</summary>
    public async Task<IReadOnlyList<string>> RecentExperimentsAsync(RunList shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var recent = await store.ListAsync(new RunQuery(null, null, 200, null), cancellationToken).ConfigureAwait(false);
        return [.. recent.Runs.Select(r => r.State.Experiment.Value).Concat(shown.Runs.Select(r => r.ExpId)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Run <paramref name="id"/> with its outputs listed and its submission's verdict, or null when there is no such run.</summary>
    public async Task<RunView?> RunAsync(string id, CancellationToken cancellationToken)
    {
        if (!RunId.TryParse(id, out var run) || await store.GetAsync(run, cancellationToken).ConfigureAwait(false) is not { } stored)
            return null;
        return await RunDetails.ReadAsync(stored, layout.DirPrefix, artifacts, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Output <paramref name="name"/> of <paramref name="run"/>, or null when either is missing.</summary>
    public async Task<Stream?> OpenOutputAsync(RunId run, string name, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(run, cancellationToken).ConfigureAwait(false) is not { } stored)
            return null;
        return await artifacts.OpenOutputAsync(new ArtifactPaths(layout.DirPrefix, stored.State.Experiment, run), name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's fan charts: the data file's charts, else its PNG charts, else why there are none.</summary>
    public async Task<ChartSet> ChartsAsync(RunView run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var prefix = run.ArtifactRoot + "outputs/";
        var names = (run.Outputs ?? []).Where(o => o.StartsWith(prefix, StringComparison.Ordinal)).Select(o => o[prefix.Length..]).ToList();
        var images = names.Where(n => n.StartsWith("fan_chart_", StringComparison.Ordinal) && n.EndsWith(".png", StringComparison.Ordinal)).ToList();
        if (!names.Contains(FanChartsFile.FileName))
        {
            return images.Count > 0 ? new ChartSet([], images, null)
                : ChartSet.None(StageTimeline.IsFinal(run.State) ? "This run has no fan charts." : "The fan charts are drawn once the output stage is done.");
        }
        try
        {
            await using var stream = await artifacts.OpenOutputAsync(new ArtifactPaths(layout.DirPrefix, ExperimentId.Parse(run.ExpId), RunId.Parse(run.RunId)), FanChartsFile.FileName, cancellationToken).ConfigureAwait(false);
            if (stream is null)
                return new ChartSet([], images, $"{FanChartsFile.FileName} is listed but could not be read.");
            if (stream.CanSeek && stream.Length > MaxChartBytes)
                return new ChartSet([], images, string.Create(CultureInfo.InvariantCulture, $"{FanChartsFile.FileName} is over {MaxChartBytes / 1024 / 1024} MiB: download it instead."));
            var file = await JsonSerializer.DeserializeAsync<FanChartsFile>(stream, ChartJson, cancellationToken).ConfigureAwait(false);
            return new ChartSet(file?.Charts ?? [], [], file is { Charts.Count: > 0 } ? null : "The run's fan chart file holds no chart.");
        }
        catch (JsonException malformed)
        {
            return new ChartSet([], images, $"{FanChartsFile.FileName} is not readable: {malformed.Message}");
        }
        catch (CommandFailedException failure)
        {
            return new ChartSet([], images, $"The fan charts could not be read: {failure.Message}");
        }
    }

    /// <summary>The lines of a failed task's log the failure banner shows.</summary>
    public const int FailureLogLines = 20;

    /// <summary>
    /// For a failed run whose logs are on this machine (locally): the end of the log of the task it failed on (the
    /// builder's or output's one task, else the first failed runner task). Null otherwise (in the cloud the banner
    /// links to Cloud Logging).
    /// </summary>
    public FailureLog? FailureLogOf(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.State != "FAILED" || run.Jobs.Count == 0 || !RunId.TryParse(run.RunId, out var runId) || !JobId.TryParse(run.Jobs[^1].JobId, out var jobId))
            return null;
        var job = run.Jobs[^1];
        var runner = job.Stage == "runner";
        if (runner && run.FailedTasks.Count == 0)
            return null;
        var task = runner ? run.FailedTasks[0].Index : 0;
        var what = runner
            ? string.Create(CultureInfo.InvariantCulture, $"runner task {task}{(run.FailedTasks[0].ExitCode is { } code ? $" (exit {code}: {StageExitCodes.Meaning(code)})" : "")}")
            : job.Stage;
        if (mode.TaskLogFile(runId, jobId, task) is not { } file)
            return null;
        return new FailureLog(what, job.JobId, task, LogTail.Read(file, FailureLogLines));
    }

    /// <summary>
    /// Task <paramref name="task"/>'s log file of job <paramref name="job"/> of run <paramref name="id"/>, as text,
    /// when the mode keeps logs on this machine (locally); 404 otherwise.
    /// </summary>
    public Results<PhysicalFileHttpResult, NotFound, ProblemHttpResult> TaskLog(string id, string job, int task)
    {
        // The job id names its run: only that run's own jobs, and nothing but ids reach the path.
        if (!RunId.TryParse(id, out var run) || !JobId.TryParse(job, out var jobId) || jobId.Run != run || task is < 0 or > 99_999)
            return TypedResults.NotFound();
        if (mode.TaskLogFile(run, jobId, task) is not { } file)
            return TypedResults.NotFound();
        if (!File.Exists(file))
            return TypedResults.Problem($"no log for task {task} of {job} (yet)", statusCode: StatusCodes.Status404NotFound, title: "log not found");
        return TypedResults.PhysicalFile(file, "text/plain; charset=utf-8");
    }
}
