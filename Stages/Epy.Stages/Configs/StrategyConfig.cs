namespace Epy.Stages.Configs;

/// <summary>The calibration <c>strategy</c>: an ABC strategy name and its options.</summary>
/// <param name="Name">The strategy as written (rejection, top_fraction or smc, in any case).</param>
/// <param name="Options">Strategy-specific scalar options such as <c>num_particles</c>: numbers, or text.</param>
/// <param name="Span">Where the section starts.</param>
/// <param name="EpsilonScheduleValues">
/// The list option <c>epsilon_schedule</c> (epydemix's <c>run_smc</c>): ε of each generation, positive
/// numbers or <c>.inf</c>; null when not written.
/// </param>
public sealed record StrategyConfig(
    Located<string> Name,
    IReadOnlyDictionary<string, Located<ConfigScalar>> Options,
    SourceSpan Span,
    Located<IReadOnlyList<Located<double>>>? EpsilonScheduleValues = null)
{
    /// <summary>The option name of the ε schedule.</summary>
    public const string EpsilonSchedule = "epsilon_schedule";

    /// <summary>The option name of run_smc's perturbation kernels (refused: not supported yet).</summary>
    public const string Perturbations = "perturbations";
}
