using System.Text.Json;
using Epy.Cli.Client;
using Epy.Cli.Configuration;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator;
using Epy.Orchestrator.Local;

namespace Epy.Cli;

public static partial class RunCommand
{
    private static readonly JsonSerializerOptions Indented = new(OrchestratorJson.Options) { WriteIndented = true };

    /// <summary>How often <c>--wait</c> asks the orchestrator.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    private static async Task<int> RunCloudAsync(CliContext context, RunFlags flags, string? server, bool wait, bool yes, CancellationToken cancellationToken)
    {
        var config = context.Config;
        if (server is null && config.OrchestratorUrl is null)
        {
            throw new ConfigurationException($"no orchestrator is configured for environment '{config.Environment}', profile '{config.Profile}'",
                "set one ('epycloud config set orchestrator.url https://...'), pass --server URL, or run on this machine with --local");
        }
        var request = flags.CloudRequest(config);
        if (context.DryRun)
            return PrintCloudPlan(context, request, config, server ?? config.OrchestratorUrl!.ToString());

        using var client = OrchestratorClient.For(context, server);
        if (!yes && !Console.IsInputRedirected && !Confirm(context, request, client.Server))
        {
            context.Fail("not started", "pass --yes to start without asking");
            return ExitCodes.RunFailed;
        }
        var run = await client.StartAsync(request, idempotencyKey: null, cancellationToken).ConfigureAwait(false);
        // Quiet: the run id is the result, unless --wait follows it to its verdict line (which names the run).
        if (context.Quiet && !wait)
            context.Out.WriteLine(run.RunId);
        else if (!context.Quiet)
            context.Out.WriteLine($"run {run.RunId} of {run.ExpId}: {run.State} on {client.Server.ToString().TrimEnd('/')}");
        if (!wait)
        {
            var at = server is { Length: > 0 } ? $" --server {server}" : "";
            context.Say($"follow it with: epycloud runs show {run.RunId}{at}   (or epycloud status --watch{at})");
            return ExitCodes.Ok;
        }
        return await FollowAsync(context, client, run, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Polls the run until it ends, shown live (<see cref="RunDisplay"/>: redrawn on a terminal, a line per change
    /// otherwise); Ctrl-C stops following (the run goes on) with 130. Quiet: only the verdict and the failed tasks.
    /// </summary>
    private static async Task<int> FollowAsync(CliContext context, OrchestratorClient client, RunView run, CancellationToken cancellationToken)
    {
        var progress = new RunDisplay(context.Out, context.Terminal, context.Quiet, context.Color, TimeProvider.System);
        try
        {
            while (true)
            {
                progress.Show(run);
                if (RunTable.IsFinal(run.State))
                    break;
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                run = await client.GetAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Fail($"stopped following run {run.RunId}; it goes on", $"cancel it with 'epycloud runs cancel {run.RunId}'");
            return ExitCodes.Interrupted;
        }
        context.Out.WriteLine($"run {run.RunId}: {run.State}{(run.Failure is { } why ? $" ({why})" : "")}");
        foreach (var task in run.FailedTasks)
            context.Out.WriteLine($"  failed task {task.Index}{(task.ExitCode is { } code ? $" (exit {code})" : "")}");
        foreach (var file in context.Quiet ? [] : run.Outputs ?? [])
            context.Out.WriteLine($"  output {file}");
        return run.State == "SUCCEEDED" ? ExitCodes.Ok : ExitCodes.RunFailed;
    }

    private static bool Confirm(CliContext context, StartRunRequest request, Uri server)
    {
        context.Out.WriteLine($"start {request.ExpId} on {server.ToString().TrimEnd('/')} (environment {context.Config.Environment}, profile {context.Config.Profile})?");
        context.Out.Write("[y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }

    private static int PrintCloudPlan(CliContext context, StartRunRequest request, EpycloudConfig config, string server)
    {
        context.Out.WriteLine($"dry run: nothing is started. POST {server.TrimEnd('/')}/v1/runs");
        context.Out.WriteLine(JsonSerializer.Serialize(request, Indented));
        if (!ExperimentId.TryParse(request.ExpId, out _, out var reason))
            throw new ConfigurationException($"--exp-id {reason}", "name a folder under experiments/");
        DryRunPlan.Check(request, config, "the Batch jobs cannot be shown");
        var run = request.RunId is { } text && RunId.TryParse(text, out var given) ? given : RunId.New(TimeProvider.System.GetUtcNow(), 0);
        context.Out.WriteLine($"Batch jobs (first attempts, run {run}; Stage B's task count is decided by the builder, shown as 1):");
        foreach (var (id, body) in DryRunPlan.Jobs(request, config, run))
        {
            context.Out.WriteLine($"# {id}  (projects/{config.ProjectId}/locations/{config.Region}/jobs/{id})");
            context.Out.WriteLine(body.ToJsonString(Indented));
        }
        return ExitCodes.Ok;
    }

    private static int PrintLocalPlan(CliContext context, StartRunRequest request, string projectDir, string? stateDir)
    {
        context.Out.WriteLine($"dry run: nothing is started. The embedded orchestrator would run {request.ExpId} from {Path.GetFullPath(projectDir)}:");
        context.Out.WriteLine(JsonSerializer.Serialize(request, Indented));
        context.Out.WriteLine($"builder, runner tasks (at most {request.MaxParallelism ?? LocalModeSetup.LocalDefaults().MaxParallelism} at once) and output as child processes; state in {Path.GetFullPath(stateDir ?? Path.Combine(projectDir, ".epy"))}");
        return ExitCodes.Ok;
    }
}
