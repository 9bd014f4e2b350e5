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
/// A national FluSight round: the example experiment <c>flusight-national-2025-26</c> (the US, the 50
/// states and DC, each calibrated by ABC-SMC and projected with the bundled flu model) run through the
/// local orchestrator A → B → C, composed as <c>epycloud run --local</c> composes it. Prints each
/// stage's wall time (from the run's job records), CPU time and peak memory (every stage process
/// timed by <c>/usr/bin/time</c>, a wrapper around the stage command).
/// </summary>
internal static class NationalBench
{
    private const string Experiment = "flusight-national-2025-26";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BenchData.RepositoryRoot();
        var project = Throughput.Option(args, "--project-dir") ?? Path.Combine(root, "examples", "forecast-repo");
        var experiment = Throughput.Option(args, "--exp-id") ?? Experiment;
        var parallelism = Throughput.Option(args, "--parallelism") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var epydemix = Throughput.Option(args, "--epydemix-data") ?? Environment.GetEnvironmentVariable("EPYDEMIX_DATA_DIR") ?? Path.Combine(root, "..", "shared", "data", "epydemix-data");
        if (!Directory.Exists(Path.Combine(epydemix, "data", "United_States_Alabama")))
        {
            Console.Error.WriteLine($"no full epydemix-data checkout at {Path.GetFullPath(epydemix)}: pass --epydemix-data DIR or set EPYDEMIX_DATA_DIR");
            return 2;
        }

        var state = Directory.CreateTempSubdirectory("epy-national-").FullName;
        var times = Path.Combine(state, "stage-times.txt");
        var options = LocalModeSetup.ForProject(project, state, new Dictionary<string, string> { ["EPYDEMIX_DATA_DIR"] = Path.GetFullPath(epydemix) });
        var timed = File.Exists(TimeProgram);
        if (timed)
            options = WithStageCommand(options, [TimeProgram, "-a", "-o", times, "-f", "%C|%e|%U|%S|%M", .. options.StageCommand]);

        Console.WriteLine($"national round: {experiment} in {Path.GetFullPath(project)}, Stage B {parallelism} tasks at once on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"state and artifacts in {state}; load average {LoadAverage()}");
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
                return 1;
            }
            final = await WaitAsync(store, accepted.Run.State.Run).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        clock.Stop();

        Console.WriteLine($"run {final.Run}: {final.Status.ToWire()}{(final.Failure is { } why ? $" ({why})" : "")}, {final.TaskCount} tasks, {clock.Elapsed.TotalSeconds:F0} s wall; load average {LoadAverage()}");
        var processes = timed ? StageProcess.Read(times) : [];
        Console.WriteLine();
        Console.WriteLine("stage        jobs  processes  wall s   CPU s   peak memory MB (largest process)");
        foreach (var (stage, command) in new[] { (Stage.Builder, "builder"), (Stage.Runner, "runner"), (Stage.Output, "output") })
        {
            var jobs = final.Jobs.Where(j => j.Id.Stage == stage).ToList();
            var wall = jobs.Sum(j => j.EndedAt is { } end ? (end - j.SubmittedAt).TotalSeconds : double.NaN);
            var mine = processes.Where(x => x.Stage == command).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{stage,-11}  {jobs.Count,4}  {mine.Count,9}  {wall,6:F1}  {(timed ? mine.Sum(x => x.CpuSeconds).ToString("F1", CultureInfo.InvariantCulture) : "n/a"),6}  {(timed && mine.Count > 0 ? (mine.Max(x => x.PeakKilobytes) / 1024.0).ToString("F0", CultureInfo.InvariantCulture) : "n/a")}"));
        }
        var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orchestrator (this process): {self.TotalProcessorTime.TotalSeconds:F1} s CPU, peak {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {clock.Elapsed.TotalSeconds:F0} s wall ({clock.Elapsed.TotalMinutes:F1} min; target under 10 min), {processes.Sum(x => x.CpuSeconds) + self.TotalProcessorTime.TotalSeconds:F0} s CPU"));
        return final.Status == RunStatus.Succeeded ? 0 : 1;
    }

    private const string TimeProgram = "/usr/bin/time";

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

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>One stage process as <c>/usr/bin/time -f '%C|%e|%U|%S|%M'</c> reported it.</summary>
    private sealed record StageProcess(string Stage, double WallSeconds, double CpuSeconds, long PeakKilobytes)
    {
        public static List<StageProcess> Read(string path)
        {
            var list = new List<StageProcess>();
            if (!File.Exists(path))
                return list;
            foreach (var line in File.ReadLines(path))
            {
                // A killed process adds a "Command terminated..." line before its figures.
                var parts = line.Split('|');
                if (parts.Length != 5)
                    continue;
                var stage = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
                var inv = CultureInfo.InvariantCulture;
                list.Add(new StageProcess(stage, double.Parse(parts[1], inv), double.Parse(parts[2], inv) + double.Parse(parts[3], inv), long.Parse(parts[4], inv)));
            }
            return list;
        }
    }
}
