namespace Epy.Stages.Outputs;

/// <summary>FluSight's rate-trend categories (<c>wk flu hosp rate change</c> pmf ids).</summary>
public enum RateChangeCategory
{
    /// <summary><c>large_decrease</c>.</summary>
    LargeDecrease,

    /// <summary><c>decrease</c>.</summary>
    Decrease,

    /// <summary><c>stable</c>.</summary>
    Stable,

    /// <summary><c>increase</c>.</summary>
    Increase,

    /// <summary><c>large_increase</c>.</summary>
    LargeIncrease,
}
