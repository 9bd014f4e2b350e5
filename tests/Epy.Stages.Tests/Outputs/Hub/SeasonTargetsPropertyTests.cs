using CsCheck;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

/// <summary>Random seasons: the peak targets' invariants hold whatever the trajectories and observations.</summary>
public sealed class SeasonTargetsPropertyTests
{
    // Whole counts from a small range, so ties between weeks (and with observations) are frequent.
    private static readonly Gen<(double[][] Incidence, double?[] Observed)> Seasons =
        Gen.Select(Gen.Int[1, 8], Gen.Int[1, 12]).SelectMany((weeks, trajectories) => Gen.Select(
            Gen.Int[0, 20].Select(v => (double)v).Array[weeks].Array[trajectories],
            Gen.Int[-5, 20].Select(v => v < 0 ? (double?)null : v).Array[weeks]));

    private static SeasonIncidence Season(double[][] incidence, double?[] observed)
    {
        var weeks = Enumerable.Range(0, observed.Length).Select(w => new DateOnly(2025, 11, 22).AddDays(7 * w)).ToArray();
        var seen = weeks.Select((d, w) => (d, observed[w])).Where(p => p.Item2 is not null).ToDictionary(p => p.d, p => p.Item2!.Value);
        return SeasonIncidence.Of(weeks, seen, weeks, incidence);
    }

    [Fact]
    public void Pmf_SumsToOne_AndIsNonNegative()
    {
        Seasons.Sample(s =>
        {
            var pmf = PeakWeekTargets.Pmf(Season(s.Incidence, s.Observed));
            pmf.ShouldAllBe(p => p >= 0 && p <= 1);
            pmf.Sum().ShouldBe(1, 1e-9);
        });
    }

    [Fact]
    public void PeakQuantiles_NeverFallBelowTheObservedPeak_AndDoNotDecrease()
    {
        Seasons.Sample(s =>
        {
            var observedPeak = s.Observed.Max() ?? 0;
            var quantiles = PeakTargets.Quantiles(Season(s.Incidence, s.Observed), [0.01, 0.25, 0.5, 0.75, 0.99]);
            quantiles.ShouldAllBe(q => q >= observedPeak);
            quantiles.ShouldBe(quantiles.Order());
        });
    }
}
