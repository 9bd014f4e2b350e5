using System.Diagnostics;
using System.Globalization;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Hosting;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Epy.Bench;

/// <summary>
/// One run of an experiment through the local orchestrator A → B → C, composed as <c>epycloud run --local</c>
/// composes it, every stage process timed by <c>/usr/bin/time</c> (a wrapper around the stage command) when
/// the machine has it. The national and scale benches share it.
/// </summary>
/// <param name="Final">The run's state at its end (its job records hold each stage's wall time).</param>
/// <param name="Processes">Every stage process's wall, CPU and peak memory; empty without <c>/usr/bin/time</c>.</param>
/// <param name="Wall">The run's wall time from the request to its end.</param>
/// <param name="Timed">Whether the stage processes were timed.</param>
/// <param name="StateDir">The run's state and artifact folder.</param>
internal sealed record LocalRoundRun(RunState Final, IReadOnlyList<StageProcess> Processes, TimeSpan Wall, bool Timed, string StateDir)
{
    private const string TimeProgram = "/usr/bin/time";

    /// <summary>Runs <paramref name="experiment"/> of <paramref name="project"/>, Stage B <paramref name="parallelism"/> tasks at once.</summary>
    public static async Task<LocalRoundRun?> RunAsync(string project, string experiment, IReadOnlyDictionary<string, string> environment, int parallelism, string statePrefix)
    {
        var state = Directory.CreateTempSubdirectory(statePrefix).FullName;
        var times = Path.Combine(state, "stage-times.txt");
        var options = LocalModeSetup.ForProject(project, state, environment);
        var timed = File.Exists(TimeProgram);
        if (timed)
            options = WithStageCommand(options, [TimeProgram, "-a", "-o", times, "-f", "%C|%e|%U|%S|%M", .. options.StageCommand]);
        Console.WriteLine($"state and artifacts in {state}; load average {MachineLoad.Average()}");
        var builder = Host.CreateApplicationBuilder();
        builder.AddOrchestrator(new OrchestratorMode.Local(options, LocalModeSetup.LocalDefaults(parallelism)), LogLevel.Warning);
        using var host = builder.Build();
        await host.StartAsync(CancellationToken.None).ConfigureAwait(false);
        RunState final;
        var clock = Stopwatch.StartNew();
        try
        {
            var runs = host.Services.GetRequiredService<RunService>();
            var store = host.Services.GetRequiredService<IRunStore>();
            var outcome = await runs.StartAsync(new StartRunRequest(experiment), idempotencyKey: null, "bench", CancellationToken.None).ConfigureAwait(false);
            if (outcome is not StartOutcome.Accepted accepted)
            {
                Console.Error.WriteLine($"the run was not started: {outcome}");
                return null;
            }
            final = await WaitAsync(store, accepted.Run.State.Run).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        clock.Stop();
        Console.WriteLine($"run {final.Run}: {final.Status.ToWire()}{(final.Failure is { } why ? $" ({why})" : "")}, {final.TaskCount} tasks, {clock.Elapsed.TotalSeconds:F0} s wall; load average {MachineLoad.Average()}");
        return new LocalRoundRun(final, timed ? StageProcess.Read(times) : [], clock.Elapsed, timed, state);
    }

    /// <summary>The stage's wall time in seconds, from its job records (submitted to ended).</summary>
    public double StageWallSeconds(Stage stage) =>
        Final.Jobs.Where(j => j.Id.Stage == stage).Sum(j => j.EndedAt is { } end ? (end - j.SubmittedAt).TotalSeconds : double.NaN);

    /// <summary>The timed processes of a stage (<c>builder</c>, <c>runner</c>, <c>output</c>).</summary>
    public List<StageProcess> ProcessesOf(string command) => [.. Processes.Where(x => x.Stage == command)];

    /// <summary>Prints a row per stage: jobs, processes, wall, CPU and the largest process's peak memory.</summary>
    public void PrintStages()
    {
        Console.WriteLine();
        Console.WriteLine("stage        jobs  processes  wall s   CPU s   peak memory MB (largest process)");
        foreach (var (stage, command) in new[] { (Stage.Builder, "builder"), (Stage.Runner, "runner"), (Stage.Output, "output") })
        {
            var jobs = Final.Jobs.Count(j => j.Id.Stage == stage);
            var mine = ProcessesOf(command);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage,-11}  {jobs,4}  {mine.Count,9}  {StageWallSeconds(stage),6:F1}  {(Timed ? mine.Sum(x => x.CpuSeconds).ToString("F1", CultureInfo.InvariantCulture) : "n/a"),6}  {(Timed && mine.Count > 0 ? (mine.Max(x => x.PeakKilobytes) / 1024.0).ToString("F0", CultureInfo.InvariantCulture) : "n/a")}"));
        }
    }

    private static LocalModeOptions WithStageCommand(LocalModeOptions options, IReadOnlyList<string> command) => new()
    {
        DatabasePath = options.DatabasePath,
        BucketRoot = options.BucketRoot,
        ForecastRepoDir = options.ForecastRepoDir,
        LogsRoot = options.LogsRoot,
        StageCommand = command,
        DirPrefix = options.DirPrefix,
        MaxConcurrentTasks = options.MaxConcurrentTasks,
        Environment = options.Environment,
        ReconcileEvery = options.ReconcileEvery,
    };

    private static async Task<RunState> WaitAsync(IRunStore store, RunId run)
    {
        var shown = RunStatus.Pending;
        while (true)
        {
            var stored = await store.GetAsync(run, CancellationToken.None).ConfigureAwait(false);
            var state = stored!.State;
            if (state.Status != shown)
            {
                shown = state.Status;
                Console.WriteLine($"  {state.UpdatedAt:HH:mm:ss} {state.Status.ToWire()}");
            }
            if (state.Status.IsTerminal())
                return state;
            await Task.Delay(TimeSpan.FromMilliseconds(250)).ConfigureAwait(false);
        }
    }
}
