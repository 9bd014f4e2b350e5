using System.Diagnostics;
using System.Globalization;
using Epy.Contracts.Runs;

namespace Epy.Bench;

/// <summary>
/// A national FluSight round: the example experiment <c>flusight-national-2025-26</c> (the US, the 50
/// states and DC, each calibrated by ABC-SMC and projected with the bundled flu model) run through the
/// local orchestrator A → B → C (<see cref="LocalRoundRun"/>). Prints each stage's wall time (from the
/// run's job records), CPU time and peak memory (every stage process timed by <c>/usr/bin/time</c>).
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

        Console.WriteLine($"national round: {experiment} in {Path.GetFullPath(project)}, Stage B {parallelism} tasks at once on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var run = await LocalRoundRun.RunAsync(project, experiment, new Dictionary<string, string> { ["EPYDEMIX_DATA_DIR"] = Path.GetFullPath(epydemix) }, parallelism, "epy-national-").ConfigureAwait(false);
        if (run is null)
            return 1;
        run.PrintStages();
        var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orchestrator (this process): {self.TotalProcessorTime.TotalSeconds:F1} s CPU, peak {self.PeakWorkingSet64 / (1024.0 * 1024):F0} MB"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {run.Wall.TotalSeconds:F0} s wall ({run.Wall.TotalMinutes:F1} min; target under 10 min), {run.Processes.Sum(x => x.CpuSeconds) + self.TotalProcessorTime.TotalSeconds:F0} s CPU"));
        return run.Final.Status == RunStatus.Succeeded ? 0 : 1;
    }
}
