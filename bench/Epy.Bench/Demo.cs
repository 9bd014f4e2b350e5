using System.Diagnostics;
using System.Globalization;
using Epy.Engine.Simulation;

namespace Epy.Bench;

/// <summary>
/// The engine's demo: the reference flu model on Massachusetts, many stochastic simulations across
/// all cores, printed as weekly hospital admission quantiles beside the mean-field expectation.
/// </summary>
internal static class Demo
{
    private const string Admissions = "Home_sev_to_Hosp_total";
    private static readonly double[] Levels = [0.05, 0.25, 0.5, 0.75, 0.95];

    public static int Run(string[] args)
    {
        var sims = int.Parse(Throughput.Option(args, "--sims") ?? "2000", CultureInfo.InvariantCulture);
        var seed = ulong.Parse(Throughput.Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var model = BenchData.Model("flu");
        var aggregator = new WeeklyAggregator(model.Layout);
        var weeks = aggregator.Weeks.Count;
        var admissions = new double[sims, weeks];

        var clock = Stopwatch.StartNew();
        Parallel.For(0, sims, () => (new Simulator(model), new SimulationOutput(model.Layout), aggregator.CreateOutput(), new double[weeks]), (i, _, local) =>
        {
            var (simulator, daily, weekly, series) = local;
            simulator.Run(Engine.Randomness.SplitMix64.Mix(seed + (ulong)i), daily);
            aggregator.Aggregate(daily, weekly);
            weekly.CopySeries(Admissions, series);
            for (var w = 0; w < weeks; w++)
                admissions[i, w] = series[w];
            return local;
        }, _ => { });
        clock.Stop();

        var meanField = aggregator.Aggregate(MeanFieldSimulator.Run(model)).Series(Admissions);
        Console.WriteLine($"Influenza reference model (flu_round05 without vaccination), Massachusetts, {model.Grid.Start:yyyy-MM-dd}..{model.Grid.End:yyyy-MM-dd}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sims} stochastic simulations in {clock.Elapsed.TotalSeconds:F2} s on {Environment.ProcessorCount} cores ({sims / clock.Elapsed.TotalSeconds:F0}/s)"));
        Console.WriteLine();
        Console.WriteLine("weekly hospital admissions (Home_sev -> Hosp, all ages)");
        Console.WriteLine("week ending      5%     25%  median     75%     95%   mean-field");
        var column = new double[sims];
        for (var w = 0; w < weeks; w++)
        {
            for (var i = 0; i < sims; i++)
                column[i] = admissions[i, w];
            Array.Sort(column);
            var q = Levels.Select(level => Quantile(column, level)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{aggregator.Weeks[w]:yyyy-MM-dd} {q[0],7:F0} {q[1],7:F0} {q[2],7:F0} {q[3],7:F0} {q[4],7:F0} {meanField[w],12:F1}"));
        }
        return 0;
    }

    /// <summary>numpy's default (linear, type 7) quantile of sorted values.</summary>
    private static double Quantile(double[] sorted, double level)
    {
        var position = level * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
