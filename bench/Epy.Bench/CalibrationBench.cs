using System.Diagnostics;
using System.Globalization;
using Epy.Engine.Calibration;
using Epy.Engine.Demography;
using Epy.Engine.Reference;

namespace Epy.Bench;

/// <summary>
/// The calibration benchmark of issue 3: ABC-SMC, 1,000 particles × 10 generations, on the reference
/// flu model fitted to a season of weekly admissions, on every core. Prints simulations, acceptance
/// rate and wall time per generation, and the posterior against the true values.
/// </summary>
internal static class CalibrationBench
{
    public static int Run(string[] args)
    {
        var particles = int.Parse(Throughput.Option(args, "--particles") ?? "1000", CultureInfo.InvariantCulture);
        var generations = int.Parse(Throughput.Option(args, "--generations") ?? "10", CultureInfo.InvariantCulture);
        var threads = int.Parse(Throughput.Option(args, "--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var population = EpydemixData.Load(BenchData.EpydemixDataRoot(), BenchData.Massachusetts, ReferenceModels.FluAgeGroups);
        var model = new EpidemicDistanceModel(ReferenceCalibration.Setup(population));

        // The engine's own one-thread rate, measured in this run: the yardstick for the calibration's.
        var (engineRate, engineCpuRate) = Throughput.EngineRate("flu", 4, print: false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine, one thread: {engineRate:F0} simulations/s, {engineCpuRate:F0} per CPU second (full season, weekly aggregation)"));
        Console.WriteLine($"ABC-SMC: {particles} particles × {generations} generations, reference flu model on Massachusetts,");
        Console.WriteLine($"fitting {model.Setup.Observed.Dates.Count} weeks of admissions; {threads} threads on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var result = AbcCalibration.Run(new SmcOptions { NumParticles = particles, NumGenerations = generations, Threads = threads }, ReferenceCalibration.Quantities, model, seed: 1);
        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;

        Console.WriteLine();
        Console.WriteLine("gen  epsilon     simulations  acceptance  wall s");
        foreach (var g in result.Generations)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{g.Index,3}  {g.Epsilon,10:G5}  {g.Simulations,11}  {g.AcceptanceRate,10:P1}  {g.WallTimeSeconds,6:F2}"));
        var total = result.Generations.Sum(g => g.Simulations);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"total: {total} simulations in {clock.Elapsed.TotalSeconds:F1} s ({total / clock.Elapsed.TotalSeconds:F0} simulations/s), {cpu:F1} s of CPU ({total / cpu:F0} per CPU second), stopped: {result.StopReason}"));
        // A calibration simulation stops at the last observation, or earlier once rejected: it is
        // shorter than the engine's full season, so the ratio can pass the thread count.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated: {allocated / (double)total:F0} bytes per simulation (the generations' own arrays)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ratio to the one-thread engine: {total / clock.Elapsed.TotalSeconds / engineRate:F2}× wall ({threads} threads), {total / cpu / engineCpuRate:F2}× per CPU second"));

        Console.WriteLine();
        var last = result.Generations[^1];
        for (var q = 0; q < result.Quantities.Length; q++)
        {
            var column = last.Column(q);
            var mean = column.Select((v, i) => v * last.Weights[i]).Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Quantities[q],-16} posterior mean {mean,8:G4}  range [{column.Min():G4}, {column.Max():G4}]  truth {ReferenceCalibration.Truth[q]:G4}"));
        }
        return 0;
    }
}
