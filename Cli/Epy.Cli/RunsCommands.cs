using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Epy.Contracts.Api;
using Epy.Orchestrator;

namespace Epy.Cli;

/// <summary><c>epycloud status</c> and <c>epycloud runs list|show|cancel|resume</c>, against an orchestrator's API.</summary>
public static class RunsCommands
{
    private static readonly Option<string> Server = new("--server")
    {
        Description = "The orchestrator's URL (default: EPYCLOUD_SERVER, else the local server http://127.0.0.1:8765)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EPYCLOUD_SERVER") ?? $"http://127.0.0.1:{ServeCommand.DefaultPort}",
    };

    /// <summary><c>epycloud status [--exp-id]</c>: the runs not finished yet.</summary>
    public static Command BuildStatus()
    {
        var expId = new Option<string?>("--exp-id") { Description = "Only this experiment" };
        var command = new Command("status", "Show the runs in progress") { expId, Server };
        command.SetAction((parse, ct) => CallAsync(parse.GetValue(Server)!, async client =>
        {
            var list = await GetAsync<RunList>(client, "/v1/runs?page_size=200" + Query("exp_id", parse.GetValue(expId)), ct).ConfigureAwait(false);
            var active = list.Runs.Where(run => run.State is not ("SUCCEEDED" or "FAILED" or "CANCELLED")).ToList();
            if (active.Count == 0)
                Console.WriteLine("no runs in progress");
            Print(active);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary><c>epycloud runs list|show|cancel|resume</c>.</summary>
    public static Command Build()
    {
        var runs = new Command("runs", "List, show, cancel and resume runs");

        var expId = new Option<string?>("--exp-id") { Description = "Only this experiment" };
        var state = new Option<string?>("--state") { Description = "Only runs in this state (e.g. FAILED)" };
        var limit = new Option<int>("-n") { Description = "At most this many runs", DefaultValueFactory = _ => 20 };
        var list = new Command("list", "List runs, newest first") { expId, state, limit, Server };
        list.SetAction((parse, ct) => CallAsync(parse.GetValue(Server)!, async client =>
        {
            var page = await GetAsync<RunList>(client,
                "/v1/runs?page_size=" + parse.GetValue(limit).ToString(CultureInfo.InvariantCulture) + Query("exp_id", parse.GetValue(expId)) + Query("state", parse.GetValue(state)), ct).ConfigureAwait(false);
            Print(page.Runs);
            return ExitCodes.Ok;
        }));
        runs.Subcommands.Add(list);

        var runId = new Argument<string>("run-id") { Description = "The run" };
        var show = new Command("show", "Show a run: jobs, task counts, failures, outputs, history") { runId, Server };
        show.SetAction((parse, ct) => CallAsync(parse.GetValue(Server)!, async client =>
        {
            var run = await GetAsync<RunView>(client, "/v1/runs/" + Uri.EscapeDataString(parse.GetValue(runId)!), ct).ConfigureAwait(false);
            Show(run);
            return ExitCodes.Ok;
        }));
        runs.Subcommands.Add(show);

        foreach (var (verb, help) in new[] { ("cancel", "Cancel a run"), ("resume", "Resume a failed run: only what failed runs again") })
        {
            var id = new Argument<string>("run-id") { Description = "The run" };
            var action = new Command(verb, help) { id, Server };
            action.SetAction((parse, ct) => CallAsync(parse.GetValue(Server)!, async client =>
            {
                using var response = await client.PostAsync($"/v1/runs/{Uri.EscapeDataString(parse.GetValue(id)!)}:{verb}", null, ct).ConfigureAwait(false);
                var run = await ReadAsync<RunView>(response, ct).ConfigureAwait(false);
                Console.WriteLine($"run {run.RunId}: {run.State}");
                return ExitCodes.Ok;
            }));
            runs.Subcommands.Add(action);
        }
        return runs;
    }

    private static void Print(IEnumerable<RunView> runs)
    {
        foreach (var run in runs)
        {
            var job = run.Jobs.Count > 0 ? run.Jobs[^1] : null;
            var tasks = job is { Stage: "runner" } ? $"{job.Succeeded}/{job.TaskCount} tasks" : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.RunId}  {run.ExpId,-24} {run.State,-16} {tasks}"));
        }
    }

    private static void Show(RunView run)
    {
        Console.WriteLine($"run {run.RunId}  experiment {run.ExpId}  state {run.State}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created {run.CreatedAt:u}  updated {run.UpdatedAt:u}  tasks {run.TaskCount}  artifacts {run.ArtifactRoot}"));
        if (run.Failure is { } failure)
            Console.WriteLine($"failure: {failure}");
        foreach (var job in run.Jobs)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {job.JobId,-40} {job.State,-10} {job.Succeeded}/{job.TaskCount} done, {job.Running} running, {job.Failed} failed"));
        foreach (var task in run.FailedTasks)
            Console.WriteLine($"  failed task {task.Index}{(task.ExitCode is { } code ? $" (exit {code})" : "")}");
        foreach (var output in run.Outputs ?? [])
            Console.WriteLine($"  output {output}");
        foreach (var entry in run.History)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entry.At:u} {entry.State,-16} {entry.What}"));
    }

    private static string Query(string name, string? value) => value is null ? "" : $"&{name}={Uri.EscapeDataString(value)}";

    private static async Task<int> CallAsync(string server, Func<HttpClient, Task<int>> call)
    {
        using var client = new HttpClient { BaseAddress = new Uri(server), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Epy-Client", "cli");
        try
        {
            return await call(client).ConfigureAwait(false);
        }
        catch (HttpRequestException unreachable) when (unreachable.StatusCode is null)
        {
            await Console.Error.WriteLineAsync($"epycloud: cannot reach the orchestrator at {server} ({unreachable.Message}); start it with 'epycloud serve --local' or pass --server").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (ApiException refused)
        {
            await Console.Error.WriteLineAsync($"epycloud: {refused.Message}").ConfigureAwait(false);
            return ExitCodes.RunFailed;
        }
    }

    private static async Task<T> GetAsync<T>(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct).ConfigureAwait(false);
        return await ReadAsync<T>(response, ct).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            string detail = text;
            try
            {
                using var problem = JsonDocument.Parse(text);
                detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? text
                    : problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() ?? text : text;
            }
            catch (JsonException)
            {
            }
            throw new ApiException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
        }
        return await response.Content.ReadFromJsonAsync<T>(OrchestratorJson.Options, ct).ConfigureAwait(false)
            ?? throw new ApiException("the orchestrator answered with an empty body");
    }
}
