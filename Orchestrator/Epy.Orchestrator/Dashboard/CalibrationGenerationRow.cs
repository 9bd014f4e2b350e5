namespace Epy.Orchestrator.Dashboard;

/// <summary>One generation of a task's calibration, as its result file records it.</summary>
/// <param name="Index">The generation's number, from 0.</param>
/// <param name="Epsilon">Its acceptance threshold ε (+∞ for an SMC generation 0 without a schedule).</param>
/// <param name="Particles">Particles accepted.</param>
/// <param name="Simulations">Simulations run; null when only the task's log was read (it does not say).</param>
/// <param name="AcceptanceRate">Accepted particles per simulation, 0 to 1.</param>
/// <param name="WallTimeSeconds">How long it took, in seconds.</param>
public sealed record CalibrationGenerationRow(int Index, double Epsilon, int Particles, long? Simulations, double AcceptanceRate, double WallTimeSeconds);
