using System.CommandLine;
using System.Text.Json;
using Epy.Cli.Client;
using Epy.Cli.Logs;
using Epy.Cli.Targets;
using Epy.Contracts.Runs;
using Epy.Google.Logging;

namespace Epy.Cli;

/// <summary><c>epycloud logs</c>: a run's task logs, from Cloud Logging or the local task log files.</summary>
public static class LogsCommand
{
    private const string Help = "Show a run's task logs: Cloud Logging entries carrying the run's labels when a project is set (google_cloud.project_id), else (or with --local) the local task log files";

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var runId = new Option<string>("--run-id") { Description = "The run: its id, a unique piece of it, or latest (local runs)", Required = true };
        return Complete(new Command("logs", Help) { runId }, parse => parse.GetValue(runId)!, defaultTail: null);
    }

    /// <summary>
    /// <c>workflow logs RUN_ID</c>: the same command with the run as its argument and the last 100 lines by default,
    /// as the original epycloud's <c>workflow logs EXECUTION_ID [--follow] [--tail 100]</c>.
    /// </summary>
    public static Command BuildForWorkflow()
    {
        var runId = new Argument<string>("run-id") { Description = "The run: its id, a unique piece of it, or latest (local runs)" };
        return Complete(new Command("logs", Help + " (the last 100 lines unless --tail says otherwise)") { runId }, parse => parse.GetValue(runId)!, defaultTail: 100);
    }

    private static Command Complete(Command command, Func<ParseResult, string> runOf, int? defaultTail)
    {
        var stage = new Option<string?>("--stage") { Description = "Only this stage: a (builder), b (runner) or c (output)" };
        var task = new Option<int?>("--task-index") { Description = "Only this task (in the cloud: the Batch task index of the job)" };
        var level = new Option<string?>("--level") { Description = "Only entries at this severity or above: DEBUG, INFO, WARNING, ERROR, ... (cloud; local lines have none)" };
        var since = new Option<string?>("--since") { Description = "Only entries since a duration ago (30m, 2h, 1d) or a time (2026-11-24T10:00:00Z)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl-C" };
        var tail = new Option<int?>("--tail") { Description = "Only the last N lines" };
        if (defaultTail is { } lines)
            tail.DefaultValueFactory = _ => lines;
        var poll = new Option<double>("--poll-seconds") { Description = "With --follow: seconds between polls", DefaultValueFactory = _ => 5 };
        var output = GlobalOptions.Output();
        foreach (var option in new Option[] { stage, task, level, since, follow, tail, poll, output, TargetOptions.Project, TargetOptions.Local, TargetOptions.ProjectDir, TargetOptions.StateDir })
            command.Options.Add(option);
        CliAction.Set(command, async (context, parse, ct) =>
        {
            var time = TimeProvider.System;
            var target = TargetOptions.Logging(parse, context);
            var run = runOf(parse);
            using (var local = LocalRunSource.Open(TargetOptions.StateFolder(parse)))
            {
                // 'latest' or a piece of an id names a run of the local state folder when there is one (else the cloud
                // needs the whole id); a run of that folder is read there even when a cloud project is set.
                if (local is not null && (!target.IsCloud || !RunId.TryParse(run, out _)))
                    run = await RunIds.ResolveAsync(local, run, ct).ConfigureAwait(false);
                if (target.IsCloud && Directory.Exists(Path.Combine(target.LocalLogsRoot, run)))
                    target = target with { ProjectId = null };
            }
            var query = new LogQuery(
                LogArguments.Run(run),
                LogArguments.Stage(parse.GetValue(stage)),
                parse.GetValue(task),
                LogArguments.Level(parse.GetValue(level)),
                LogArguments.Since(parse.GetValue(since), time.GetUtcNow()),
                parse.GetValue(tail) is { } n && n >= 0 ? n : null,
                parse.GetValue(follow));
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
            ILogSource source;
            if (target.IsCloud)
            {
                var client = new CloudLoggingClient(http, AccessTokens.For(emulator: false, name => context.Variables.GetValueOrDefault(name)), target.Endpoint);
                source = new CloudLogSource(client, target.ProjectId!, query, time);
            }
            else
            {
                if (query.Level is not null)
                    context.Fail("--level is ignored for local logs (their lines carry no severity)");
                source = new LocalLogSource(target.LocalLogsRoot, query);
            }
            return await RunAsync(source, query.Follow, context.Json, TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(poll))), context.Out, time, ct).ConfigureAwait(false);
        }, TargetOptions.ProjectDir);
        return command;
    }

    /// <summary>Prints the lines of <paramref name="source"/>, then (<paramref name="follow"/>) new ones every <paramref name="poll"/> until cancelled.</summary>
    public static async Task<int> RunAsync(ILogSource source, bool follow, bool json, TimeSpan poll, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(output);
        Print(await source.ReadAsync(cancellationToken).ConfigureAwait(false), json, output);
        if (!follow)
            return ExitCodes.Ok;
        while (true)
        {
            await Task.Delay(poll, time, cancellationToken).ConfigureAwait(false);
            Print(await source.PollAsync(cancellationToken).ConfigureAwait(false), json, output);
        }
    }

    private static void Print(IReadOnlyList<LogLine> lines, bool json, TextWriter output)
    {
        foreach (var line in lines)
        {
            output.WriteLine(json
                ? JsonSerializer.Serialize(new { line.Timestamp, line.Severity, line.Stage, line.TaskIndex, line.Message }, CliJson.Lines)
                : line.Format());
        }
        output.Flush();
    }
}
