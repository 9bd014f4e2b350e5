using Epy.Engine.Calibration;

namespace Epy.Stages.Outputs;

/// <summary>
/// The weekly incidence of each projected trajectory: the sum of the named transition series
/// (e.g. <c>Home_sev_to_Hosp_total</c> and <c>Home_sev_vax_to_Hosp_vax_total</c>), the quantity
/// a calibration compares with its observations, the hub forecasts and the fan charts draw.
/// </summary>
public static class WeeklyIncidence
{
    /// <summary>One array per trajectory, one value per week of <paramref name="projection"/>.</summary>
    /// <exception cref="KeyNotFoundException">A name is not a transition series of the projection.</exception>
    public static double[][] Of(Projection projection, IReadOnlyList<string> series)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(series);
        SeriesSelection.Of(series).Resolve(projection, SeriesKind.Transitions);
        var incidence = new double[projection.Trajectories.Count][];
        for (var t = 0; t < incidence.Length; t++)
        {
            var sum = new double[projection.Weeks.Count];
            foreach (var name in series)
            {
                var values = projection.Series(t, name);
                for (var w = 0; w < sum.Length; w++)
                    sum[w] += values[w];
            }
            incidence[t] = sum;
        }
        return incidence;
    }
}
