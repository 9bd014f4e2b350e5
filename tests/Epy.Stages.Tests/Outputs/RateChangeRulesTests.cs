using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class RateChangeRulesTests
{
    // 100 million people: a rate change of r per 100k is a count change of 1000·r, far above 10.
    private const double Population = 100_000_000;

    public static TheoryData<int, double, double> Thresholds => new()
    {
        { 0, 0.3, 1.7 },
        { 1, 0.5, 3 },
        { 2, 0.7, 4 },
        { 3, 1, 5 },
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void ForHorizon_HasThePublishedThresholds(int horizon, double stable, double large)
    {
        RateChangeRules.ForHorizon(horizon).ShouldBe(new RateChangeThresholds(stable, large));
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Classify_AtAndAroundTheStableThreshold(int horizon, double stable, double large)
    {
        _ = large;
        var count = stable * 1000; // 300, 500, 700, 1000: whole numbers
        const double baseline = 5000;
        RateChangeRules.Classify(horizon, baseline + count, baseline, Population).ShouldBe(RateChangeCategory.Increase);
        RateChangeRules.Classify(horizon, baseline + count - 0.01, baseline, Population).ShouldBe(RateChangeCategory.Stable);
        RateChangeRules.Classify(horizon, baseline + count + 0.01, baseline, Population).ShouldBe(RateChangeCategory.Increase);
        RateChangeRules.Classify(horizon, baseline - count, baseline, Population).ShouldBe(RateChangeCategory.Decrease);
        RateChangeRules.Classify(horizon, baseline - count + 0.01, baseline, Population).ShouldBe(RateChangeCategory.Stable);
        RateChangeRules.Classify(horizon, baseline - count - 0.01, baseline, Population).ShouldBe(RateChangeCategory.Decrease);
    }

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void Classify_AtAndAroundTheLargeThreshold(int horizon, double stable, double large)
    {
        _ = stable;
        var count = large * 1000; // 1700, 3000, 4000, 5000
        const double baseline = 8000;
        RateChangeRules.Classify(horizon, baseline + count, baseline, Population).ShouldBe(RateChangeCategory.LargeIncrease);
        RateChangeRules.Classify(horizon, baseline + count - 0.01, baseline, Population).ShouldBe(RateChangeCategory.Increase);
        RateChangeRules.Classify(horizon, baseline + count + 0.01, baseline, Population).ShouldBe(RateChangeCategory.LargeIncrease);
        RateChangeRules.Classify(horizon, baseline - count, baseline, Population).ShouldBe(RateChangeCategory.LargeDecrease);
        RateChangeRules.Classify(horizon, baseline - count + 0.01, baseline, Population).ShouldBe(RateChangeCategory.Decrease);
        RateChangeRules.Classify(horizon, baseline - count - 0.01, baseline, Population).ShouldBe(RateChangeCategory.LargeDecrease);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Classify_CountChangeBelowTen_IsStable_WhateverTheRate(int horizon)
    {
        // 1,000 people: a change of 9.99 admissions is ~1,000 per 100k, far past every rate threshold.
        RateChangeRules.Classify(horizon, 19.99, 10, 1000).ShouldBe(RateChangeCategory.Stable);
        RateChangeRules.Classify(horizon, 0.01, 10, 1000).ShouldBe(RateChangeCategory.Stable);
        RateChangeRules.Classify(horizon, 20, 10, 1000).ShouldBe(RateChangeCategory.LargeIncrease);
        RateChangeRules.Classify(horizon, 0, 10, 1000).ShouldBe(RateChangeCategory.LargeDecrease);
        RateChangeRules.Classify(horizon, 10, 10, 1000).ShouldBe(RateChangeCategory.Stable);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void Classify_HorizonWithoutRateTarget_Throws(int horizon)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => RateChangeRules.Classify(horizon, 1, 0, 1000));
    }

    [Fact]
    public void HubIds_AreTheFivePublishedCategories()
    {
        RateChangeRules.Categories.Select(RateChangeRules.HubId)
            .ShouldBe(["large_increase", "increase", "stable", "decrease", "large_decrease"]);
    }
}
