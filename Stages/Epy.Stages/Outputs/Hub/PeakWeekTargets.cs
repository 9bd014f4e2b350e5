namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// <c>peak week inc flu hosp</c>: the probability that each of the season's Saturdays ends its highest
/// week, as the share of trajectories that peak there (observed weeks included: a season whose highest
/// week so far is observed and never exceeded in a trajectory puts that trajectory's mass on the observed
/// week). Ties: a trajectory whose highest value is reached in k weeks gives each of them 1/k. Neither
/// the hub's tasks.json nor epymodelingsuite states a tie rule; splitting keeps the pmf independent of
/// the weeks' order and still sums to 1 (the truth, taken on whole counts, can tie too).
/// </summary>
public static class PeakWeekTargets
{
    /// <summary>
    /// The pmf over <see cref="SeasonIncidence.Weeks"/> (same order), summing to 1. Trajectories with no
    /// covered week are left out; uncovered weeks (<see cref="SeasonIncidence.MissingWeeks"/>) get 0.
    /// </summary>
    /// <exception cref="ArgumentException">No trajectory covers a week of the season.</exception>
    public static double[] Pmf(SeasonIncidence season)
    {
        ArgumentNullException.ThrowIfNull(season);
        var peaks = PeakTargets.Peaks(season);
        var mass = new double[season.Weeks.Count];
        var counted = 0;
        var tied = new List<int>();
        for (var t = 0; t < peaks.Length; t++)
        {
            if (double.IsNaN(peaks[t]))
                continue;
            counted++;
            tied.Clear();
            var values = season.Values[t];
            for (var w = 0; w < values.Length; w++)
            {
                if (values[w] == peaks[t])
                    tied.Add(w);
            }
            foreach (var w in tied)
                mass[w] += 1.0 / tied.Count;
        }
        if (counted == 0)
            throw new ArgumentException("no trajectory covers a week of the season: the peak week is undefined", nameof(season));
        for (var w = 0; w < mass.Length; w++)
            mass[w] /= counted;
        return mass;
    }
}
