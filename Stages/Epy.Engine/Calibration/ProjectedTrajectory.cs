namespace Epy.Engine.Calibration;

/// <summary>
/// One projection: a posterior particle simulated to the end date, on the projection's weekly grid.
/// Compartments hold the end-of-week state and flows the weekly sums, [week][index][age] row-major;
/// weeks before the particle's start hold its initial state and no flows.
/// </summary>
/// <param name="Particle">The index of the particle in the generation it was drawn from.</param>
/// <param name="Theta">The particle's calibrated values, in the setup's order.</param>
/// <param name="Seed">The seed of the simulation's random stream.</param>
/// <param name="Fit">The weekly series compared with the observations (summed), on the observations' weeks from the reference date (the projection's grid when it is weekly on that weekday); empty for simulated models.</param>
/// <param name="Compartments">End-of-week compartment counts.</param>
/// <param name="Flows">Weekly flow sums.</param>
public sealed record ProjectedTrajectory(int Particle, IReadOnlyList<double> Theta, ulong Seed, double[] Fit, double[] Compartments, double[] Flows);
