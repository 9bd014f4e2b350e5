namespace Epy.Stages.Outputs.Hub;

/// <summary>
/// How the hub file states a count of admissions (<c>wk inc flu hosp</c>, <c>peak inc flu hosp</c>,
/// their samples): a whole, non-negative number.
/// </summary>
public static class AdmissionCounts
{
    /// <summary>
    /// <paramref name="value"/> clipped at 0 and rounded half to even, as epymodelingsuite's hub writer
    /// does (<c>np.clip</c>, then <c>np.rint</c>). Both steps are monotone, so non-decreasing quantiles stay
    /// non-decreasing. NaN stays NaN.
    /// </summary>
    public static double Round(double value) => Math.Round(Math.Max(value, 0), MidpointRounding.ToEven);
}
