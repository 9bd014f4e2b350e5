using System.Diagnostics;
using System.Globalization;
using Epy.Engine.Simulation;

namespace Epy.Bench;

/// <summary>
/// Where one simulation's time goes, by phase of the step (rates, binomial draws, bookkeeping,
/// output) and weekly aggregation, on one thread: the simulator charges each phase to a
/// <see cref="PhaseClock"/>. The timestamps add their own cost, so the profiled rate is printed
/// beside the plain one. <c>--replicas N</c> profiles N simulations run together (one step's
/// phases cover all N; figures are per simulation).
/// </summary>
internal static class Profile
{
    public static int Run(string[] args)
    {
        var name = Throughput.Option(args, "--model") ?? "flu";
        var seconds = double.Parse(Throughput.Option(args, "--seconds") ?? "5", CultureInfo.InvariantCulture);
        var replicas = int.Parse(Throughput.Option(args, "--replicas") ?? "1", CultureInfo.InvariantCulture);
        var model = BenchData.Model(name);
        var simulator = new Simulator(model, replicas);
        var aggregator = new WeeklyAggregator(model.Layout);
        var daily = simulator.CreateOutputs();
        var weekly = aggregator.CreateOutput();
        var (plain, plainCpu) = Throughput.EngineRate(name, Math.Max(2, seconds / 2), print: false, replicas);

        ulong seed = 0;
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < 2)
            Throughput.RunOne(simulator, aggregator, daily, weekly, seed++);
        var clock = new PhaseClock();
        simulator.Clock = clock;
        long aggregation = 0;
        var count = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            simulator.Run(seed++, daily);
            var before = Stopwatch.GetTimestamp();
            foreach (var output in daily)
                aggregator.Aggregate(output, weekly);
            aggregation += Stopwatch.GetTimestamp() - before;
            count += replicas;
        }
        total.Stop();

        var phases = Enum.GetValues<SimulationPhase>().Select(p => (Name: p.ToString().ToLowerInvariant(), Seconds: clock.Seconds(p)))
            .Append((Name: "weekly aggregation", Seconds: (double)aggregation / Stopwatch.Frequency)).ToList();
        var sum = phases.Sum(p => p.Seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(replicas == 1 ? name : $"{name} ×{replicas}")}: {count} simulations profiled, {1e6 * total.Elapsed.TotalSeconds / count:F1} µs each with timestamps; unprofiled {1e6 / plain:F1} µs ({plain:F0}/s, {plainCpu:F0} per CPU second)"));
        foreach (var (phase, phaseSeconds) in phases)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-20} {1e6 * phaseSeconds / count,8:F1} µs  {phaseSeconds / sum,6:P1}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  (rates: force of infection, exit and split probabilities; draws: every exact binomial draw; bookkeeping: n in, people moved, flows)"));
        return 0;
    }
}
