using Epy.Engine.Calibration;
using Epy.Engine.Sampling;

namespace Epy.Stages.Tests.Outputs;

/// <summary>Small projections and calibrations built by hand: two compartments, one flow, two age groups.</summary>
internal static class SyntheticProjection
{
    public static readonly string[] Compartments = ["S", "Hosp"];
    public static readonly string[] Flows = ["Home_sev_to_Hosp"];
    public static readonly string[] AgeGroups = ["0-4", "5+"];

    /// <summary>
    /// Weekly grid of Saturdays from <paramref name="firstWeek"/>; trajectory t, week w: S = 1000 − w in
    /// each age group, Hosp = t + w (age 0-4) and 2·(t + w) (age 5+), flow = <paramref name="admissions"/>(t, w)
    /// split 1/4 to age 0-4 and 3/4 to age 5+.
    /// </summary>
    public static Projection Build(DateOnly firstWeek, int weeks, int trajectories, Func<int, int, double> admissions)
    {
        var list = new List<ProjectedTrajectory>();
        for (var t = 0; t < trajectories; t++)
        {
            var compartments = new double[weeks * Compartments.Length * AgeGroups.Length];
            var flows = new double[weeks * Flows.Length * AgeGroups.Length];
            for (var w = 0; w < weeks; w++)
            {
                compartments[(w * 2 + 0) * 2 + 0] = 1000 - w;
                compartments[(w * 2 + 0) * 2 + 1] = 1000 - w;
                compartments[(w * 2 + 1) * 2 + 0] = t + w;
                compartments[(w * 2 + 1) * 2 + 1] = 2 * (t + w);
                var total = admissions(t, w);
                flows[w * 2 + 0] = total / 4;
                flows[w * 2 + 1] = total * 3 / 4;
            }
            list.Add(new ProjectedTrajectory(t, [0.5 + t], 100UL + (ulong)t, new double[weeks], compartments, flows));
        }
        var dates = Enumerable.Range(0, weeks).Select(w => firstWeek.AddDays(7 * w)).ToArray();
        return new Projection(dates, Compartments, Flows, AgeGroups, ["Rt"], list);
    }

    /// <summary>Two generations of three particles over θ = (Rt, L, start_date), given in a scrambled order.</summary>
    public static CalibrationResult Calibration() => new(
        AbcStrategy.Smc,
        ["start_date", "L", "Rt"],
        [SampleTarget.StartDateOffset, SampleTarget.InitialProportion, SampleTarget.Parameter],
        CalibrationStopReason.Completed,
        [
            new CalibrationGeneration(0, 10, [-3, 0.01, 1.1, 2, 0.02, 1.2, 5, 0.03, 1.3], [0.5, 0.25, 0.25], [1, 2, 3], 3, 0, 1, 0),
            new CalibrationGeneration(1, 5, [-1, 0.011, 1.15, 0, 0.012, 1.25, 1, 0.013, 1.35], [0.2, 0.3, 0.5], [1, 2, 3], 3, 0, 1, 0),
        ]);
}
