namespace Epy.Stages.Outputs;

/// <summary>The FluSight hub's vocabulary: columns, targets, output types and horizons.</summary>
public static class HubFormat
{
    /// <summary>Weekly incident flu hospital admissions.</summary>
    public const string IncidenceTarget = "wk inc flu hosp";

    /// <summary>The rate-trend target.</summary>
    public const string RateChangeTarget = "wk flu hosp rate change";

    /// <summary>The season's highest weekly admissions (no horizon, no target end date).</summary>
    public const string PeakIncidenceTarget = "peak inc flu hosp";

    /// <summary>The week-ending Saturday of the season's highest weekly admissions (no horizon, no target end date).</summary>
    public const string PeakWeekTarget = "peak week inc flu hosp";

    /// <summary>The quantile output type.</summary>
    public const string Quantile = "quantile";

    /// <summary>The probability-mass output type.</summary>
    public const string Pmf = "pmf";

    /// <summary>The sample output type (whole trajectories, one id across the horizons).</summary>
    public const string Sample = "sample";

    /// <summary>The first incidence horizon (the week before the reference week).</summary>
    public const int FirstIncidenceHorizon = -1;

    /// <summary>The last horizon of both targets.</summary>
    public const int LastHorizon = 3;

    /// <summary>The columns, in the order this project writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["location", "reference_date", "horizon", "target_end_date", "target", "output_type", "output_type_id", "value"];
}
