namespace Epy.Stages.Outputs;

/// <summary>
/// FluSight's rate-trend rules (2024–25 onwards), as published in the FluSight forecast hub's
/// <c>model-output/README.md</c>, "Rate-trend forecast specifications"
/// (https://github.com/cdcepi/FluSight-forecast-hub/blob/main/model-output/README.md):
/// the change is the target week's count minus the count observed in the week before the reference
/// week, and its rate is that change per 100,000 people of the location's FluSight population.
/// <list type="bullet">
/// <item>stable: |rate change| &lt; the horizon's stable threshold, or |count change| &lt; 10;</item>
/// <item>increase / decrease: not stable and |rate change| &lt; the large threshold;</item>
/// <item>large increase / large decrease: not stable and |rate change| ≥ the large threshold.</item>
/// </list>
/// Thresholds per 100,000: horizon 0: 0.3 and 1.7; horizon 1: 0.5 and 3; horizon 2: 0.7 and 4;
/// horizon 3: 1 and 5. The <c>count_rate{0p3,…,5}</c> columns of <c>flusight_locations.csv</c> are
/// these rates in counts, rounded, per location.
/// </summary>
public static class RateChangeRules
{
    /// <summary>A change of fewer admissions than this is always stable.</summary>
    public const double StableCountChange = 10;

    /// <summary>The first and last horizons that have rate-change targets.</summary>
    public const int FirstHorizon = 0;

    /// <summary>The last horizon that has a rate-change target.</summary>
    public const int LastHorizon = 3;

    private static readonly RateChangeThresholds[] ByHorizon =
    [
        new(0.3, 1.7),
        new(0.5, 3),
        new(0.7, 4),
        new(1, 5),
    ];

    /// <summary>The hub's pmf ids, in the order the hub lists them.</summary>
    public static IReadOnlyList<RateChangeCategory> Categories { get; } =
    [
        RateChangeCategory.LargeIncrease, RateChangeCategory.Increase, RateChangeCategory.Stable,
        RateChangeCategory.Decrease, RateChangeCategory.LargeDecrease,
    ];

    /// <summary>The thresholds of <paramref name="horizon"/> (0 to 3).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No rate-change target at that horizon.</exception>
    public static RateChangeThresholds ForHorizon(int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, FirstHorizon);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, LastHorizon);
        return ByHorizon[horizon];
    }

    /// <summary>
    /// The category of a change from <paramref name="observed"/> (the baseline week's count) to
    /// <paramref name="predicted"/> (the target week's count) in a location of
    /// <paramref name="population"/> people.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The horizon has no rate-change target or the population is not positive.</exception>
    public static RateChangeCategory Classify(int horizon, double predicted, double observed, double population)
    {
        var thresholds = ForHorizon(horizon);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(population);
        var countChange = predicted - observed;
        // Multiply first: for whole counts the product is exact and one division rounds once, so a
        // change exactly on a threshold compares equal to the threshold's literal.
        var rateChange = countChange * 100_000 / population;
        var magnitude = Math.Abs(rateChange);
        if (Math.Abs(countChange) < StableCountChange || magnitude < thresholds.Stable)
            return RateChangeCategory.Stable;
        var large = magnitude >= thresholds.Large;
        return countChange > 0
            ? large ? RateChangeCategory.LargeIncrease : RateChangeCategory.Increase
            : large ? RateChangeCategory.LargeDecrease : RateChangeCategory.Decrease;
    }

    /// <summary>The category whose hub id is <paramref name="hubId"/> (<c>large_increase</c>, …), or null for any other id.</summary>
    public static RateChangeCategory? FromHubId(string hubId) =>
        Categories.Cast<RateChangeCategory?>().FirstOrDefault(c => string.Equals(HubId(c!.Value), hubId, StringComparison.Ordinal));

    /// <summary>The hub's id of a category (<c>large_increase</c>, …).</summary>
    public static string HubId(RateChangeCategory category) => category switch
    {
        RateChangeCategory.LargeDecrease => "large_decrease",
        RateChangeCategory.Decrease => "decrease",
        RateChangeCategory.Stable => "stable",
        RateChangeCategory.Increase => "increase",
        RateChangeCategory.LargeIncrease => "large_increase",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "not a rate-change category"),
    };
}
