using System.Diagnostics;
using System.Globalization;
using Epy.Engine.Simulation;

namespace Epy.Bench;

/// <summary>
/// Simulations per second on one core, including weekly aggregation, and the bytes allocated per
/// simulation: the figures the README quotes.
/// </summary>
internal static class Throughput
{
    public static int Run(string[] args)
    {
        var models = Option(args, "--model") is { } one ? [one] : new[] { "flu", "sir" };
        var seconds = double.Parse(Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var replicas = Option(args, "--replicas") is { } given ? [int.Parse(given, CultureInfo.InvariantCulture)] : new[] { 1, Simulator.Lockstep };
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}; one thread");
        foreach (var name in models)
        {
            foreach (var k in replicas)
                EngineRate(name, seconds, print: true, k);
        }
        return 0;
    }

    /// <summary>
    /// One-thread simulations per wall second and per CPU second of model <paramref name="name"/>,
    /// weekly aggregation included, after a warm-up; printed when <paramref name="print"/>. With
    /// <paramref name="replicas"/> above 1 the simulator runs that many simulations together.
    /// </summary>
    internal static (double PerSecond, double PerCpuSecond) EngineRate(string name, double seconds, bool print, int replicas = 1)
    {
        var model = BenchData.Model(name);
        var simulator = new Simulator(model, replicas);
        var aggregator = new WeeklyAggregator(model.Layout);
        var daily = simulator.CreateOutputs();
        var weekly = aggregator.CreateOutput();

        // Warm up so tiered compilation has settled on optimised code: by CPU time, not wall time, since
        // on a loaded machine a wall-clock warm-up may end before the JIT's thread got the CPU to finish.
        var warmupFrom = CpuSeconds();
        ulong seed = 0;
        while (CpuSeconds() - warmupFrom < Math.Min(2, seconds / 2))
        {
            for (var i = 0; i < 16; i++)
                RunOne(simulator, aggregator, daily, weekly, seed++);
        }

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var count = 0;
        // At least half the time asked for in CPU time too, so a loaded machine still gives enough runs.
        while (clock.Elapsed.TotalSeconds < seconds || CpuSeconds() - cpuBefore.TotalSeconds < seconds / 2)
        {
            RunOne(simulator, aggregator, daily, weekly, seed++);
            count += replicas;
        }
        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var rate = count / clock.Elapsed.TotalSeconds;
        if (!print)
            return (rate, count / cpu);
        var label = replicas == 1 ? name : $"{name} ×{replicas} in lockstep";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {rate,10:F0} simulations/s  ({1e6 / rate:F1} µs each, {count} runs, {model.Grid.Steps} steps, {aggregator.Weeks.Count} weeks)  allocated {(double)allocated / count:F1} B/simulation"));
        // On a machine shared with other work the wall-clock rate drops whenever the thread waits for a
        // core; the rate per second of CPU time the process actually got is steadier for A/B comparisons.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {count / cpu,10:F0} simulations per CPU second ({cpu:F2} s of CPU in {clock.Elapsed.TotalSeconds:F2} s)"));
        return (rate, count / cpu);
    }

    internal static void RunOne(Simulator simulator, WeeklyAggregator aggregator, SimulationOutput[] daily, WeeklyOutput weekly, ulong seed)
    {
        simulator.Run(seed, daily);
        foreach (var output in daily)
            aggregator.Aggregate(output, weekly);
    }

    /// <summary>The process's CPU time so far, read without allocating.</summary>
    private static double CpuSeconds() => Environment.CpuUsage.TotalTime.TotalSeconds;

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
