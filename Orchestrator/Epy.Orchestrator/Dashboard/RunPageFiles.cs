namespace Epy.Orchestrator.Dashboard;

/// <summary>What the run page shows from the run's files and the mode's task records: its task rows and its configs.</summary>
/// <param name="Tasks">Every Stage B task, by index (empty until the builder is done).</param>
/// <param name="Configs">The experiment's config files the builder copied (empty until it is done).</param>
/// <param name="Problem">Why the builder's manifest could not be read, when it could not; null otherwise.</param>
public sealed record RunPageFiles(IReadOnlyList<TaskRow> Tasks, IReadOnlyList<ConfigText> Configs, string? Problem)
{
    /// <summary>Nothing known yet.</summary>
    public static RunPageFiles None { get; } = new([], [], null);
}
