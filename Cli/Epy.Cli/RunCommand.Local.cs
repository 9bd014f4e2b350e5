using System.Diagnostics;
using Epy.Contracts.Api;
using Epy.Cli.Validation;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Cli;

public static partial class RunCommand
{
    /// <summary>
    /// Runs <paramref name="request"/> on the forecast repository <paramref name="projectDir"/> and waits for the end;
    /// <paramref name="live"/> redraws the progress in place (a terminal: <see cref="LiveProgress"/>, coloured with
    /// <paramref name="color"/>), else a line per change.
    /// </summary>
    public static async Task<int> RunLocalAsync(string projectDir, string? stateDir, StartRunRequest request, bool quiet, TextWriter output, CancellationToken cancellationToken,
        bool live = false, bool color = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var options = LocalOptions(projectDir, stateDir);
        using var host = BuildLocalHost(options, request.MaxParallelism, quiet ? LogLevel.Error : LogLevel.Warning);
        try
        {
            await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (StateFolderInUseException busy)
        {
            throw CliException.Configuration(busy.Message, "stop the other 'epycloud serve --local' or 'run --local', or pass another --state-dir");
        }
        try
        {
            // The builder's own checks before anything is stored: a config error is shown here, in full.
            // (An exp_id that is not one, or names no folder, is refused by the run service in its words.)
            if (ExperimentId.TryParse(request.ExpId, out var experiment, out _)
                && Directory.Exists(Path.Combine(projectDir, "experiments", experiment.Value))
                && await ValidateCommand.ValidateAsync(new ExperimentLocation(Path.GetFullPath(projectDir), experiment.Value), cancellationToken).ConfigureAwait(false) is { Valid: false } validation)
            {
                ValidateCommand.Print(validation, json: false, output);
                await output.WriteLineAsync("nothing was started: fix the experiment (epycloud validate shows the same checks)").ConfigureAwait(false);
                return ExitCodes.RunFailed;
            }
            var runs = host.Services.GetRequiredService<RunService>();
            var store = host.Services.GetRequiredService<IRunStore>();
            var outcome = await runs.StartAsync(request, idempotencyKey: null, "cli", CancellationToken.None).ConfigureAwait(false);
            var accepted = outcome switch
            {
                StartOutcome.Accepted taken => taken,
                StartOutcome.Invalid invalid => throw CliException.Configuration(string.Join("; ", invalid.Errors.SelectMany(e => e.Value)), "see 'epycloud run --help' for the flags' ranges"),
                StartOutcome.NotFound missing => throw Refused(missing.Message, projectDir),
                StartOutcome.Conflict conflict => throw Refused(conflict.Message, projectDir),
                _ => throw new UnreachableException($"unknown start outcome {outcome}"),
            };
            var run = accepted.Run.State.Run;
            var how = accepted is StartOutcome.Started ? "started" : "resumed";
            if (accepted is StartOutcome.Repeated && accepted.Run.State.Status is RunStatus.Failed or RunStatus.Cancelled)
            {
                // --run-id of a run that failed or was stopped (Ctrl-C): resume it.
                var resumed = await runs.ResumeAsync(run, CancellationToken.None).ConfigureAwait(false);
                if (resumed.Decision is not { Outcome: Outcome.Applied })
                    throw CliException.Configuration($"run {run} is {accepted.Run.State.Status.ToWire()} and cannot be resumed ({resumed.Decision?.Reason})", "start a new run without --run-id");
            }
            if (!quiet)
                await output.WriteLineAsync($"run {run} of {request.ExpId} ({how}); state in {options.DatabasePath}").ConfigureAwait(false);
            var progress = new ProgressPrinter(output, quiet, TimeProvider.System);
            var block = live && !quiet ? new TerminalBlock(output) : null;
            var clock = TimeProvider.System.GetTimestamp();
            var interrupted = false;
            while (true)
            {
                var stored = await store.GetAsync(run, CancellationToken.None).ConfigureAwait(false);
                if (block is not null)
                    block.Draw(LiveProgress.Lines(stored!.State, LocalTaskLogs.Read(options.LogsRoot, stored.State), TimeProvider.System.GetElapsedTime(clock), TimeProvider.System.GetUtcNow(), color));
                else
                    progress.Show(stored!.State);
                if (stored.State.Status.IsTerminal())
                    return await FinishAsync(stored, options, projectDir, quiet, output, interrupted).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested && !interrupted)
                {
                    interrupted = true;
                    if (!quiet)
                        await output.WriteLineAsync("interrupted: stopping the run (it stays resumable)...").ConfigureAwait(false);
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

    /// <summary>
    /// The embedded orchestrator of a local run: the service's composition (<see cref="OrchestratorHost"/>)
    /// without its web server, so nothing listens and the run is driven in-process; Stage B runs
    /// <paramref name="maxParallelism"/> tasks at once (default: the cores), logging from <paramref name="logLevel"/> up (quiet: errors only).
    /// </summary>
    public static IHost BuildLocalHost(LocalModeOptions options, int? maxParallelism, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddOrchestrator(new OrchestratorMode.Local(options, LocalModeSetup.LocalDefaults(maxParallelism)), logLevel);
        return builder.Build();
    }

    /// <summary>The local mode's options for the forecast repository <paramref name="projectDir"/>; a folder that is not one, or a missing stage program, refused.</summary>
    internal static LocalModeOptions LocalOptions(string projectDir, string? stateDir)
    {
        if (!Directory.Exists(Path.Combine(projectDir, "experiments")))
            throw CliException.Configuration($"{Path.GetFullPath(projectDir)} is not a forecast repository (no experiments/ folder)", "run from the repository, or pass --project-dir DIR");
        try
        {
            return LocalModeSetup.ForProject(projectDir, stateDir);
        }
        catch (FileNotFoundException missing)
        {
            throw CliException.Configuration(missing.Message);
        }
    }

    private static CliException Refused(string reason, string projectDir) =>
        CliException.Configuration(reason, $"the experiments are the folders under {Path.Combine(Path.GetFullPath(projectDir), "experiments")}");

    // Quiet: the verdict line, and on failure what the failure report says (the errors); no paths or file lists.
    private static async Task<int> FinishAsync(StoredRun stored, LocalModeOptions options, string projectDir, bool quiet, TextWriter output, bool interrupted)
    {
        var state = stored.State;
        var paths = new ArtifactPaths(options.DirPrefix, state.Experiment, state.Run);
        if (!quiet)
            await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"run {state.Run}: {state.Status.ToWire()}{(state.Failure is { } why ? $" ({why})" : "")}").ConfigureAwait(false);
        if (!quiet)
            await output.WriteLineAsync($"logs: {Path.Combine(options.LogsRoot, state.Run.Value)}").ConfigureAwait(false);
        if (state.Status == RunStatus.Succeeded)
        {
            if (quiet)
                return ExitCodes.Ok;
            var outputs = Path.Combine(options.BucketRoot, paths.Outputs);
            await output.WriteLineAsync($"outputs: {outputs}").ConfigureAwait(false);
            if (Directory.Exists(outputs))
            {
                foreach (var file in Directory.EnumerateFiles(outputs).Order(StringComparer.Ordinal))
                    await output.WriteLineAsync($"  {Path.GetFileName(file)}").ConfigureAwait(false);
            }
            return ExitCodes.Ok;
        }
        foreach (var line in LocalFailureReport.Lines(state, options.LogsRoot, projectDir))
            await output.WriteLineAsync(line).ConfigureAwait(false);
        return interrupted && state.Status == RunStatus.Cancelled ? ExitCodes.Interrupted : ExitCodes.RunFailed;
    }
}
