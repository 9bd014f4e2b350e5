namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// <c>peak inc flu hosp</c>: the admissions in the season's highest week. Each trajectory's peak is the
/// largest value of its <see cref="SeasonIncidence"/> (observed weeks included, so a peak already
/// observed bounds every trajectory's peak from below); the target's quantiles are the quantiles of those
/// peaks, stated as <c>wk inc flu hosp</c> states its quantiles (<see cref="AdmissionCounts.Round"/>).
/// </summary>
public static class PeakTargets
{
    /// <summary>Each trajectory's season peak; NaN for a trajectory with no covered week.</summary>
    public static double[] Peaks(SeasonIncidence season)
    {
        ArgumentNullException.ThrowIfNull(season);
        var peaks = new double[season.Values.Length];
        for (var t = 0; t < peaks.Length; t++)
        {
            var peak = double.NaN;
            foreach (var value in season.Values[t])
            {
                if (!double.IsNaN(value) && !(value <= peak))
                    peak = value;
            }
            peaks[t] = peak;
        }
        return peaks;
    }

    /// <summary>
    /// The peak's quantiles at <paramref name="levels"/> (tasks.json: the target's quantile
    /// <c>output_type_id</c>s), whole non-negative admissions, non-decreasing in the level. Trajectories
    /// without a peak are left out.
    /// </summary>
    /// <exception cref="ArgumentException">No trajectory has a peak.</exception>
    public static double[] Quantiles(SeasonIncidence season, IReadOnlyList<double> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var peaks = Peaks(season).Where(p => !double.IsNaN(p)).ToArray();
        if (peaks.Length == 0)
            throw new ArgumentException("no trajectory covers a week of the season: the peak is undefined", nameof(season));
        return [.. Outputs.Quantiles.Of(peaks, levels).Select(AdmissionCounts.Round)];
    }
}
