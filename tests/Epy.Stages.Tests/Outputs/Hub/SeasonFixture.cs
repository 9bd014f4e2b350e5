using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

/// <summary>
/// A five-week season worked by hand. Observed: 50 (11-22) and 120 (11-29). The projection runs
/// 11-29 to 12-20; its 11-29 value (80, a fitted week) is overridden by the observation.
/// Season series and peaks:
/// t0 [50, 120,  90, 100,   60] → 120 at 11-29;
/// t1 [50, 120, 130, 110,   70] → 130 at 12-06;
/// t2 [50, 120, 100, 140.4, 90] → 140.4 at 12-13;
/// t3 [50, 120, 120,  90,   80] → 120 at 11-29 and 12-06 (a tie).
/// </summary>
internal static class SeasonFixture
{
    public static readonly DateOnly[] Weeks = [new(2025, 11, 22), new(2025, 11, 29), new(2025, 12, 6), new(2025, 12, 13), new(2025, 12, 20)];

    public static readonly DateOnly[] ProjectionWeeks = [new(2025, 11, 29), new(2025, 12, 6), new(2025, 12, 13), new(2025, 12, 20)];

    public static double[][] Incidence() =>
    [
        [80, 90, 100, 60],
        [80, 130, 110, 70],
        [80, 100, 140.4, 90],
        [80, 120, 90, 80],
    ];

    public static Dictionary<DateOnly, double> Observed() => new() { [Weeks[0]] = 50, [Weeks[1]] = 120 };

    public static SeasonIncidence Season() => SeasonIncidence.Of(Weeks, Observed(), ProjectionWeeks, Incidence());
}
