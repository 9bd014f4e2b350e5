using System.Reflection;

namespace Epy.Stages.Pipeline;

/// <summary>What every stage runs with: its settings, the run folder, a clock, where it reports, and the outside services.</summary>
/// <param name="Settings">The settings.</param>
/// <param name="Run">The run's folder in its store.</param>
/// <param name="Time">The clock.</param>
/// <param name="Log">Where progress lines go (stderr in the program).</param>
public sealed record StageContext(StageSettings Settings, RunFolder Run, TimeProvider Time, TextWriter Log)
{
    /// <summary>Secret Manager and git (the builder's clone of the forecast repository).</summary>
    public StageServices Services { get; init; } = StageServices.Default;

    /// <summary>The stage program's version (its informational version).</summary>
    public static string ProgramVersion { get; } =
        typeof(StageContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
