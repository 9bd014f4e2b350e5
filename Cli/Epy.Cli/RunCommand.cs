using System.CommandLine;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Telemetry;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Cli;

/// <summary><c>epycloud run --local --exp-id ID</c>: runs an experiment in-process through the embedded orchestrator.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var expId = new Option<string>("--exp-id") { Description = "The experiment (folder under experiments/)", Required = true };
        var local = new Option<bool>("--local") { Description = "Run on this machine (the embedded orchestrator); required until cloud mode exists" };
        var projectDir = new Option<string>("--project-dir") { Description = "The forecast repository (default: the current folder)", DefaultValueFactory = _ => "." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where runs, logs and outputs go (default: {project-dir}/.epy)" };
        var runId = new Option<string?>("--run-id") { Description = "Use this run id; an unfinished run with this id is picked up where it stopped" };
        var skipOutput = new Option<bool>("--skip-output") { Description = "Do not run Stage C" };
        var parallelism = new Option<int?>("--max-parallelism") { Description = "Stage B tasks at once (default: the cores)" };
        var quiet = new Option<bool>("--quiet") { Description = "No live progress; print only the result" };
        var command = new Command("run", "Run an experiment: builder, runner tasks, output") { expId, local, projectDir, stateDir, runId, skipOutput, parallelism, quiet };
        command.SetAction((parse, cancellationToken) =>
        {
            if (!parse.GetValue(local))
            {
                Console.Error.WriteLine("epycloud run: cloud runs arrive with cloud mode; use --local to run on this machine");
                return Task.FromResult(ExitCodes.ConfigurationError);
            }
            var request = new StartRunRequest(parse.GetValue(expId), parse.GetValue(runId), MaxParallelism: parse.GetValue(parallelism), SkipOutput: parse.GetValue(skipOutput) ? true : null);
            return RunLocalAsync(parse.GetValue(projectDir)!, parse.GetValue(stateDir), request, parse.GetValue(quiet), Console.Out, cancellationToken);
        });
        return command;
    }

    /// <summary>Runs <paramref name="request"/> on the forecast repository <paramref name="projectDir"/> and waits for the end.</summary>
    public static async Task<int> RunLocalAsync(string projectDir, string? stateDir, StartRunRequest request, bool quiet, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        if (!Directory.Exists(Path.Combine(projectDir, "experiments")))
        {
            await Console.Error.WriteLineAsync($"epycloud: {Path.GetFullPath(projectDir)} is not a forecast repository (no experiments/ folder); pass --project-dir").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        LocalModeOptions options;
        try
        {
            options = LocalModeSetup.ForProject(projectDir, stateDir);
        }
        catch (FileNotFoundException missing)
        {
            await Console.Error.WriteLineAsync($"epycloud: {missing.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddEpyConsole(builder.Configuration).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOrchestratorTelemetry(builder.Configuration);
        builder.Services.AddLocalMode(options, LocalModeSetup.LocalDefaults(request.MaxParallelism));
        using var host = builder.Build();
        try
        {
            await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (StateFolderInUseException busy)
        {
            await Console.Error.WriteLineAsync($"epycloud: {busy.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        try
        {
            var runs = host.Services.GetRequiredService<RunService>();
            var store = host.Services.GetRequiredService<IRunStore>();
            var outcome = await runs.StartAsync(request, idempotencyKey: null, "cli", CancellationToken.None).ConfigureAwait(false);
            if (outcome.Errors is { } errors)
            {
                foreach (var (field, messages) in errors)
                    await Console.Error.WriteLineAsync($"epycloud: {field}: {string.Join("; ", messages)}").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }
            if ((outcome.NotFound ?? outcome.Conflict) is { } refused)
            {
                await Console.Error.WriteLineAsync($"epycloud: {refused}").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }
            var run = outcome.Run!.State.Run;
            await output.WriteLineAsync($"run {run} of {request.ExpId} ({(outcome.Created ? "started" : "resumed")}); state in {options.DatabasePath}").ConfigureAwait(false);
            var progress = new ProgressPrinter(output, quiet, TimeProvider.System);
            var interrupted = false;
            while (true)
            {
                var stored = await store.GetAsync(run, CancellationToken.None).ConfigureAwait(false);
                progress.Show(stored!.State);
                if (stored.State.Status.IsTerminal())
                    return await FinishAsync(stored, options, output, interrupted).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested && !interrupted)
                {
                    interrupted = true;
                    await output.WriteLineAsync("interrupted: cancelling the run...").ConfigureAwait(false);
                    await runs.CancelAsync(run, "interrupted (Ctrl-C)", CancellationToken.None).ConfigureAwait(false);
                }
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: the next pass cancels the run and waits for it to stop.
                }
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<int> FinishAsync(StoredRun stored, LocalModeOptions options, TextWriter output, bool interrupted)
    {
        var state = stored.State;
        var paths = new ArtifactPaths(options.DirPrefix, state.Experiment, state.Run);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"run {state.Run}: {state.Status.ToWire()}{(state.Failure is { } why ? $" ({why})" : "")}").ConfigureAwait(false);
        await output.WriteLineAsync($"logs: {Path.Combine(options.LogsRoot, state.Run.Value)}").ConfigureAwait(false);
        if (state.Status == RunStatus.Succeeded)
        {
            var outputs = Path.Combine(options.BucketRoot, paths.Outputs);
            await output.WriteLineAsync($"outputs: {outputs}").ConfigureAwait(false);
            if (Directory.Exists(outputs))
            {
                foreach (var file in Directory.EnumerateFiles(outputs).Order(StringComparer.Ordinal))
                    await output.WriteLineAsync($"  {Path.GetFileName(file)}").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
        return interrupted && state.Status == RunStatus.Cancelled ? ExitCodes.Interrupted : ExitCodes.RunFailed;
    }
}
