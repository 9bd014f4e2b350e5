namespace Epy.Stages.Outputs.Hub;

/// <summary>The horizon/date consistency check: <paramref name="T1Column"/> = <paramref name="T0Column"/> + <paramref name="DaysPerHorizon"/> × horizon.</summary>
/// <param name="T0Column">The start date column (FluSight: reference_date).</param>
/// <param name="T1Column">The end date column (FluSight: target_end_date).</param>
/// <param name="HorizonColumn">The horizon column.</param>
/// <param name="DaysPerHorizon">Days in one horizon step (hubValidations' default: a week).</param>
public sealed record HubConfigTimediff(string T0Column, string T1Column, string HorizonColumn = "horizon", int DaysPerHorizon = 7);
