using System.CommandLine;
using Epy.Cli.Client;
using Epy.Cli.Configuration;
using Epy.Cli.Targets;
using Epy.Contracts.Api;

namespace Epy.Cli;

/// <summary><c>epycloud status</c> and <c>epycloud runs list|show|cancel|resume</c>, against the configured orchestrator.</summary>
public static class RunsCommands
{
    /// <summary>A new <c>--server</c> option: overrides <c>orchestrator.url</c>.</summary>
    public static Option<string?> ServerOption() => new("--server")
    {
        Description = "The orchestrator's URL (default: the setting orchestrator.url, else the local server http://127.0.0.1:8765)",
    };

    /// <summary><c>epycloud status [--exp-id] [-w|--watch] [-n|--interval S] [-r|--run-id R]</c>: the runs not finished yet, or one run.</summary>
    public static Command BuildStatus()
    {
        var expId = new Option<string?>("--exp-id") { Description = "Only this experiment" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Refresh until no run is in progress (Ctrl-C stops watching; the runs go on)" };
        var interval = new Option<int>("--interval", "-n") { Description = "Seconds between refreshes with --watch", DefaultValueFactory = _ => 10 };
        var runId = new Option<string?>("--run-id", "-r") { Description = "Only this run, finished or not (its id, a unique piece of it, or latest); --watch follows it to its end" };
        var server = ServerOption();
        var output = GlobalOptions.Output();
        var command = new Command("status", "Show the runs in progress (of the project's local state folder when no orchestrator is configured)")
        {
            expId, watch, interval, runId, server, output, TargetOptions.Local, TargetOptions.ProjectDir, TargetOptions.StateDir,
        };
        CliAction.Set(command, async (context, parse, ct) =>
        {
            using var client = RunSources.For(context, parse, parse.GetValue(server));
            // On a terminal, --watch redraws the table in place instead of printing it again and again.
            var block = parse.GetValue(watch) && context.Terminal && !context.Json && !context.Quiet ? new TerminalBlock(context.Out) : null;
            var only = parse.GetValue(runId) is { } named ? await RunIds.ResolveAsync(client, named, ct).ConfigureAwait(false) : null;
            while (true)
            {
                List<RunView> active;
                if (only is not null)
                {
                    active = [await client.GetAsync(only, ct).ConfigureAwait(false)];
                }
                else
                {
                    var list = await client.ListAsync(parse.GetValue(expId), null, 200, null, ct).ConfigureAwait(false);
                    active = [.. list.Runs.Where(run => !RunTable.IsFinal(run.State))];
                }
                var now = TimeProvider.System.GetUtcNow();
                var last = !parse.GetValue(watch) || active.Count == 0 || (only is not null && RunTable.IsFinal(active[0].State));
                // Quiet: --watch shows only where it ended.
                if (last || !context.Quiet)
                {
                    if (block is not null)
                    {
                        using var table = new StringWriter();
                        if (active.Count == 0)
                            table.WriteLine("no runs in progress");
                        else
                            RunTable.List(table, active, now);
                        table.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{client.Where} at {now:HH:mm:ss}Z; Ctrl-C stops watching (the runs go on)"));
                        block.Draw(table.ToString().TrimEnd('\n').Split('\n'));
                    }
                    else if (context.Json)
                        RunTable.Json(context.Out, new RunList(active, null));
                    else if (active.Count == 0)
                        context.Out.WriteLine("no runs in progress");
                    else
                        RunTable.List(context.Out, active, now);
                }
                if (last)
                    return ExitCodes.Ok;
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(interval))), ct).ConfigureAwait(false);
                if (!context.Json && block is null && !context.Quiet)
                    context.Out.WriteLine();
            }
        });
        return command;
    }

    /// <summary><c>epycloud runs list|show|cancel|resume</c>.</summary>
    public static Command Build()
    {
        var runs = new Command("runs", "List, show, cancel and resume runs");
        runs.Subcommands.Add(BuildList("list"));
        runs.Subcommands.Add(BuildShow("show"));
        runs.Subcommands.Add(BuildAction("cancel", "cancel", CancelHelp));
        runs.Subcommands.Add(BuildAction("resume", "resume", ResumeHelp));
        return runs;
    }

    /// <summary>What <c>runs cancel</c> (and <c>workflow cancel</c>) does.</summary>
    internal const string CancelHelp = "Cancel a run: its running job is stopped";

    /// <summary>What <c>runs resume</c> (and <c>workflow retry</c>) does.</summary>
    internal const string ResumeHelp = "Resume a failed or cancelled run: it goes on from where it stopped, only what failed runs again";

    /// <summary><c>runs list</c> under the name <paramref name="name"/> (<c>workflow list</c> is the same command).</summary>
    internal static Command BuildList(string name)
    {
        var expId = new Option<string?>("--exp-id") { Description = "Only this experiment" };
        var state = new Option<string?>("--state", "--status") { Description = "Only runs in this state (PENDING, RUNNING_TASKS, SUCCEEDED, FAILED, ...), or ACTIVE: every run not finished" };
        var since = new Option<string?>("--since") { Description = "Only runs created since: 30m, 12h, 7d, 2w, or a date such as 2026-11-20" };
        var limit = new Option<int>("-n", "--limit") { Description = "At most this many runs", DefaultValueFactory = _ => 20 };
        var server = ServerOption();
        var output = GlobalOptions.Output();
        var list = new Command(name, "List runs, newest first (of the project's local state folder when no orchestrator is configured)")
        {
            expId, state, since, limit, server, output, TargetOptions.Local, TargetOptions.ProjectDir, TargetOptions.StateDir,
        };
        CliAction.Set(list, async (context, parse, ct) =>
        {
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
                from = Since.Parse(text, TimeProvider.System.GetUtcNow()) ?? throw new ConfigurationException($"--since '{text}' is neither a duration nor a date", "use 30m, 12h, 7d, 2w or 2026-11-20");
            var wanted = Math.Clamp(parse.GetValue(limit), 1, 1000);
            using var client = RunSources.For(context, parse, parse.GetValue(server));
            var wantedState = parse.GetValue(state)?.ToUpperInvariant();
            // ACTIVE (the original epycloud's name for unfinished executions) is every state but the final ones.
            var activeOnly = wantedState == "ACTIVE";
            var found = new List<RunView>();
            string? token = null;
            do
            {
                var page = await client.ListAsync(parse.GetValue(expId), activeOnly ? null : wantedState, Math.Min(wanted, 200), token, ct).ConfigureAwait(false);
                var fresh = page.Runs.Where(run => from is null || run.CreatedAt >= from).ToList();
                found.AddRange(fresh.Where(run => !activeOnly || !RunTable.IsFinal(run.State)));
                // Newest first: once a page reaches past --since, later pages are older still.
                token = fresh.Count < page.Runs.Count ? null : page.NextPageToken;
            }
            while (token is not null && found.Count < wanted);
            found = [.. found.Take(wanted)];
            if (context.Json)
                RunTable.Json(context.Out, new RunList(found, null));
            else if (found.Count == 0)
                context.Out.WriteLine("no runs");
            else
                RunTable.List(context.Out, found, TimeProvider.System.GetUtcNow());
            return ExitCodes.Ok;
        });
        return list;
    }

    /// <summary><c>runs show</c> under the name <paramref name="name"/> (<c>workflow describe</c> is the same command).</summary>
    internal static Command BuildShow(string name)
    {
        var runId = new Argument<string>("run-id") { Description = "The run: its id (20261124-101500-a1b2c3d4), a unique piece of it (a1b2), or latest" };
        var server = ServerOption();
        var output = GlobalOptions.Output();
        var show = new Command(name, "Show a run: stages, jobs, task counts, failed tasks with exit codes, outputs, history")
        {
            runId, server, output, TargetOptions.Local, TargetOptions.ProjectDir, TargetOptions.StateDir,
        };
        CliAction.Set(show, async (context, parse, ct) =>
        {
            using var client = RunSources.For(context, parse, parse.GetValue(server));
            var run = await client.GetAsync(await RunIds.ResolveAsync(client, parse.GetValue(runId)!, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            if (context.Json)
                RunTable.Json(context.Out, run);
            else
                RunTable.Show(context.Out, run);
            return ExitCodes.Ok;
        });
        return show;
    }

    /// <summary>
    /// <c>runs cancel|resume</c> under the name <paramref name="name"/>: <c>POST /v1/runs/{id}:{verb}</c>
    /// (<c>workflow cancel|retry</c> are the same commands).
    /// </summary>
    internal static Command BuildAction(string name, string verb, string help)
    {
        var id = new Argument<string>("run-id") { Description = "The run: its id, a unique piece of it, or latest" };
        var server = ServerOption();
        var output = GlobalOptions.Output();
        var action = new Command(name, help) { id, server, output };
        CliAction.Set(action, async (context, parse, ct) =>
        {
            using var client = OrchestratorClient.For(context, parse.GetValue(server));
            var runId = await RunIds.ResolveAsync(client, parse.GetValue(id)!, ct).ConfigureAwait(false);
            if (context.DryRun)
            {
                context.Out.WriteLine($"dry run: would POST {client.Server.ToString().TrimEnd('/')}/v1/runs/{runId}:{verb}");
                return ExitCodes.Ok;
            }
            var run = await client.ActAsync(runId, verb, ct).ConfigureAwait(false);
            if (context.Json)
                RunTable.Json(context.Out, run);
            else
                context.Out.WriteLine($"run {run.RunId}: {run.State}");
            return ExitCodes.Ok;
        });
        return action;
    }
}
