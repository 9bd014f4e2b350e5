using Epy.Engine.Calibration;

namespace Epy.Engine.Tests.Calibration;

/// <summary>ABC-SMC on the engine's own synthetic season recovers the values that made it.</summary>
public sealed class FluCalibrationTests
{
    private static readonly Lazy<CalibrationResult> Result = new(() => Calibrate(threads: 2));

    private static CalibrationResult Calibrate(int threads) => AbcCalibration.Run(
        new SmcOptions { NumParticles = 150, NumGenerations = 8, Threads = threads },
        SyntheticFlu.Quantities,
        new EpidemicDistanceModel(SyntheticFlu.Setup()),
        seed: 11);

    [Fact]
    public void Smc_RecoversRtAndStartOffset_WithinNinetyPercentIntervals()
    {
        var last = Result.Value.Generations[^1];

        var (rtLow, rtHigh) = Interval(last, 0);
        var (offsetLow, offsetHigh) = Interval(last, 1);

        SyntheticFlu.TrueRt.ShouldBeInRange(rtLow, rtHigh);
        ((double)SyntheticFlu.TrueOffset).ShouldBeInRange(offsetLow, offsetHigh);
    }

    [Fact]
    public void Smc_IntervalsShrink_EpsilonDecreases_WeightsSumToOne()
    {
        var generations = Result.Value.Generations;
        generations.Length.ShouldBe(8);
        Width(generations[^1], 0).ShouldBeLessThan(Width(generations[0], 0) / 3, Describe(generations, 0));
        Width(generations[^1], 1).ShouldBeLessThan(Width(generations[0], 1) / 2, Describe(generations, 1));
        Width(generations[2], 0).ShouldBeLessThan(Width(generations[0], 0));
        for (var g = 1; g < generations.Length; g++)
            generations[g].Epsilon.ShouldBeLessThan(generations[g - 1].Epsilon);
        foreach (var generation in generations)
            generation.Weights.Sum().ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void Smc_SameResult_WithOneAndTwoThreads()
    {
        var one = Calibrate(threads: 1);
        var two = Result.Value;

        one.Generations.Length.ShouldBe(two.Generations.Length);
        for (var g = 0; g < one.Generations.Length; g++)
        {
            one.Generations[g].Particles.ShouldBe(two.Generations[g].Particles);
            one.Generations[g].Weights.ShouldBe(two.Generations[g].Weights);
            one.Generations[g].Distances.ShouldBe(two.Generations[g].Distances);
            one.Generations[g].Epsilon.ShouldBe(two.Generations[g].Epsilon);
            one.Generations[g].Simulations.ShouldBe(two.Generations[g].Simulations);
        }
    }

    [Fact]
    public void Projection_FromPosterior_FollowsTheObservations()
    {
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup());
        var projection = Projector.Run(model, Result.Value, count: 40, seed: 3);

        projection.Trajectories.Count.ShouldBe(40);
        var observed = SyntheticFlu.Truth.Value;
        var offset = (observed.First.DayNumber - projection.Weeks[0].DayNumber) / 7;
        var peakWeek = Array.IndexOf(observed.Values.ToArray(), observed.Values.Max());
        var medianAtPeak = projection.Trajectories.Select(t => t.Fit[offset + peakWeek]).Order().ElementAt(20);
        medianAtPeak.ShouldBe(observed.Values[peakWeek], observed.Values[peakWeek] * 0.25);
    }

    [Fact]
    public void Projection_RoundTripsThroughJson()
    {
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup());
        var projection = Projector.Run(model, Result.Value, count: 3, seed: 4);

        var json = projection.ToJson();
        var back = Projection.FromJson(json);

        json.ShouldStartWith("{\"weeks\":[\"2024-09-21\"");
        back.Weeks.ShouldBe(projection.Weeks);
        back.Trajectories.Count.ShouldBe(3);
        back.Trajectories[2].Flows.ShouldBe(projection.Trajectories[2].Flows);
        back.Trajectories[2].Theta.ShouldBe(projection.Trajectories[2].Theta);
        back.Series(1, "Hosp_total").ShouldBe(projection.Series(1, "Hosp_total"));
        Result.Value.Generations[^1].Weights.ShouldBe(CalibrationResult.FromJson(Result.Value.ToJson()).Generations[^1].Weights);
    }

    private static string Describe(CalibrationGeneration[] generations, int quantity) =>
        string.Join("; ", generations.Select(g => $"gen {g.Index}: eps {g.Epsilon:G4}, 90% [{Interval(g, quantity).Low:G4}, {Interval(g, quantity).High:G4}], sims {g.Simulations}"));

    private static double Width(CalibrationGeneration generation, int quantity)
    {
        var (low, high) = Interval(generation, quantity);
        return high - low;
    }

    /// <summary>The weighted 5% and 95% quantiles of one quantity.</summary>
    private static (double Low, double High) Interval(CalibrationGeneration generation, int quantity)
    {
        var values = generation.Column(quantity);
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        double Quantile(double level)
        {
            var cumulative = 0.0;
            foreach (var i in order)
            {
                cumulative += generation.Weights[i];
                if (cumulative >= level)
                    return values[i];
            }
            return values[order[^1]];
        }
        return (Quantile(0.05), Quantile(0.95));
    }
}
