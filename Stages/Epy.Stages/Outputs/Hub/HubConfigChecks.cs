namespace Epy.Stages.Outputs.Hub;

/// <summary>The optional checks a hub's <c>validations.yml</c> turns on (hubValidations' <c>opt_check_*</c>).</summary>
/// <param name="HorizonTimediff"><c>opt_check_tbl_horizon_timediff</c>: t1 = t0 + 7 days × horizon, when both dates are given.</param>
/// <param name="CountsBelowPopulation"><c>opt_check_tbl_counts_lt_popn</c>: counts of some targets below the location's population.</param>
public sealed record HubConfigChecks(HubConfigTimediff? HorizonTimediff, HubConfigPopulationCheck? CountsBelowPopulation)
{
    /// <summary>No optional check.</summary>
    public static HubConfigChecks None { get; } = new(null, null);
}
