using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class QuantilesTests
{
    // Expected values worked by hand from numpy's rule: position (n − 1)·level, then
    // a + (b − a)·γ (γ < 0.5) or b − (b − a)·(1 − γ) (γ ≥ 0.5).
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.25, 1.75)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.75, 3.25)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.0, 1.0)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 1.0, 4.0)]
    [InlineData(new[] { 1.0, 2, 3, 4, 10 }, 0.9, 7.6)]
    [InlineData(new[] { 0.0, 10 }, 0.025, 0.25)]
    [InlineData(new[] { 0.0, 100 }, 0.99, 99.0)]
    [InlineData(new[] { 7.0 }, 0.3, 7.0)]
    [InlineData(new[] { 2.0, 2, 2, 5 }, 0.5, 2.0)]
    public void Linear_MatchesNumpyDefault(double[] sorted, double level, double expected)
    {
        Quantiles.Linear(sorted, level).ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void Linear_UpperHalf_InterpolatesFromTheUpperNeighbour_LikeNumpy()
    {
        // γ = 0.75 from 0.1 to 0.7: numpy computes 0.7 − 0.6·0.25, not 0.1 + 0.6·0.75.
        double[] sorted = [0.1, 0.7];
        Quantiles.Linear(sorted, 0.75).ShouldBe(0.7 - (0.7 - 0.1) * 0.25);
    }

    [Fact]
    public void FluSightLevels_AreThe23PublishedLevels()
    {
        var levels = Quantiles.FluSightLevels;
        levels.Count.ShouldBe(23);
        levels[0].ShouldBe(0.01);
        levels[1].ShouldBe(0.025);
        levels[2].ShouldBe(0.05);
        levels[11].ShouldBe(0.5);
        levels[^3].ShouldBe(0.95);
        levels[^2].ShouldBe(0.975);
        levels[^1].ShouldBe(0.99);
        levels.Zip(levels.Skip(1)).ShouldAllBe(p => p.First < p.Second);
    }

    [Fact]
    public void Of_SortsTheSample_AndReturnsNonDecreasingValues()
    {
        double[] sample = [9, 1, 5, 3, 7];
        var values = Quantiles.Of(sample, Quantiles.FluSightLevels);
        values[11].ShouldBe(5);
        values[0].ShouldBe(1 + 0.04 * 2, 1e-12);
        values.Zip(values.Skip(1)).ShouldAllBe(p => p.First <= p.Second);
    }

    [Fact]
    public void Of_SampleWithNaN_GivesNaN_LikeNumpy()
    {
        double[] sample = [1, double.NaN, 3];
        Quantiles.Of(sample, [0.1, 0.5]).ShouldAllBe(v => double.IsNaN(v));
    }

    [Fact]
    public void Linear_RejectsEmptySamplesAndLevelsOutsideTheUnitInterval()
    {
        Should.Throw<ArgumentException>(() => Quantiles.Linear([], 0.5));
        Should.Throw<ArgumentOutOfRangeException>(() => Quantiles.Linear([1.0], 1.5));
        Should.Throw<ArgumentOutOfRangeException>(() => Quantiles.Linear([1.0], double.NaN));
    }
}
