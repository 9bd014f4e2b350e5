namespace Epy.Orchestrator.Dashboard;

/// <summary>A config file a run used, as the builder copied it.</summary>
/// <param name="Name">Its file name (<c>basemodel.yml</c>).</param>
/// <param name="Text">Its text; null when it could not be read.</param>
/// <param name="Problem">Why it could not be read; null when it was.</param>
public sealed record ConfigText(string Name, string? Text, string? Problem);
