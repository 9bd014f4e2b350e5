using Epy.Engine.Calibration;
using Epy.Engine.Randomness;

namespace Epy.Engine.Tests.Calibration;

public sealed class EpidemicDistanceModelTests
{
    [Fact]
    public void Distance_IsSmallestNearTheTruth()
    {
        var worker = new EpidemicDistanceModel(SyntheticFlu.Setup()).CreateWorker();

        var atTruth = Enumerable.Range(0, 5).Average(i => worker.Distance([SyntheticFlu.TrueRt, SyntheticFlu.TrueOffset], new Xoshiro256((ulong)i), double.PositiveInfinity));
        var wrongRt = worker.Distance([1.6, SyntheticFlu.TrueOffset], new Xoshiro256(1), double.PositiveInfinity);
        var wrongStart = worker.Distance([SyntheticFlu.TrueRt, 0], new Xoshiro256(1), double.PositiveInfinity);

        atTruth.ShouldBeLessThan(wrongRt / 3);
        atTruth.ShouldBeLessThan(wrongStart / 3);
    }

    [Fact]
    public void Simulate_StartAfterFirstObservation_PadsWithZerosInFront()
    {
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup());

        // Reference 2024-09-15 + 59 days = 2024-11-13: the weeks ending 2024-10-19..2024-11-09 are not simulated.
        var simulated = model.Simulate([1.3, 59], new Xoshiro256(3));

        simulated[..4].ShouldAllBe(v => v == 0);
        simulated[4].ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Simulate_SameSeed_SameSeries()
    {
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup());
        model.Simulate([1.25, 12], new Xoshiro256(9)).ShouldBe(model.Simulate([1.25, 12], new Xoshiro256(9)));
    }

    [Fact]
    public void Setup_UnknownComparisonSeries_NamesField()
    {
        var error = Should.Throw<ModelValidationException>(() => new EpidemicDistanceModel(SyntheticFlu.Setup(comparison: ["Home_sev_to_ICU_total"])));
        error.Field.ShouldBe("calibration.comparison.simulation[0]");
        error.Message.ShouldContain("Home_sev_to_ICU_total");
    }

    [Fact]
    public void Setup_ObservationsBeforeEveryStart_AreRejected()
    {
        var early = new ObservedSeries([new DateOnly(2024, 8, 3), new DateOnly(2024, 8, 10)], [1, 2]);
        var error = Should.Throw<ModelValidationException>(() => new EpidemicDistanceModel(SyntheticFlu.Setup(early)));
        error.Field.ShouldBe("calibration.start_date.prior");
        error.Message.ShouldContain("overlaps");
    }

    [Fact]
    public void FittingWindow_WithoutObservations_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => SyntheticFlu.Truth.Value.Within(new DateOnly(2025, 6, 1), new DateOnly(2025, 7, 1)));
        error.Field.ShouldBe("calibration.fitting_window");
    }

    [Fact]
    public void Observations_NotWeekly_AreRejected()
    {
        Should.Throw<ModelValidationException>(() => new ObservedSeries([new DateOnly(2024, 10, 19), new DateOnly(2024, 10, 25)], [1, 2]))
            .Message.ShouldContain("weekly");
    }

    [Fact]
    public void Projector_LaysTrajectoriesOnTheReferenceWeeks_IndependentOfThreads()
    {
        var model = new EpidemicDistanceModel(SyntheticFlu.Setup());
        (int, double[])[] particles = [(0, [1.3, 30]), (1, [1.2, 45]), (2, [1.4, 5])];

        var one = Projector.Run(model, particles, seed: 5, threads: 1);
        var two = Projector.Run(model, particles, seed: 5, threads: 2);

        one.Weeks[0].ShouldBe(new DateOnly(2024, 9, 21));
        one.Weeks[^1].ShouldBe(new DateOnly(2025, 5, 31));
        one.Trajectories.Count.ShouldBe(3);
        for (var j = 0; j < 3; j++)
        {
            one.Trajectories[j].Flows.ShouldBe(two.Trajectories[j].Flows);
            one.Series(j, "Home_sev_to_Hosp_total").ShouldBe(one.Trajectories[j].Fit);
        }

        // Particle 1 starts 2024-10-30: nothing moves in the weeks before, and everyone is still at home.
        var admissions = one.Series(1, "Home_sev_to_Hosp_total");
        admissions[..6].ShouldAllBe(v => v == 0);
        one.Series(1, "S_total")[0].ShouldBe(one.Series(1, "S_total")[5]);
        admissions.Skip(6).Sum().ShouldBeGreaterThan(0);
    }
}

public sealed class EarlyRejectionTests
{
    [Theory]
    [InlineData(1.3, 30)]
    [InlineData(1.6, 30)]
    [InlineData(1.3, 0)]
    [InlineData(1.05, 55)]
    public void Distance_WithThreshold_IsExactBelowIt_AndAtLeastItAbove(double rt, double offset)
    {
        var worker = new EpidemicDistanceModel(SyntheticFlu.Setup()).CreateWorker();
        var exact = worker.Distance([rt, offset], new Xoshiro256(7), double.PositiveInfinity);

        foreach (var threshold in new[] { exact * 0.5, exact, exact * 1.0001, exact * 2 })
        {
            var cut = worker.Distance([rt, offset], new Xoshiro256(7), threshold);
            if (exact < threshold)
                cut.ShouldBe(exact);
            else
                cut.ShouldBeGreaterThanOrEqualTo(threshold);
        }
    }
}
