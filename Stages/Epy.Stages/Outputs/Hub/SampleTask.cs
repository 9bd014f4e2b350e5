namespace Epy.Stages.Outputs.Hub;

/// <summary>A round's sample task for one target: each sample id spans every horizon of its (reference date, location, target).</summary>
/// <param name="Horizons">The horizons each sample spans, increasing.</param>
/// <param name="Rule">The sample id rules (count per task, id type and length).</param>
/// <param name="Locations">The hub location codes the task allows; null: any.</param>
public sealed record SampleTask(IReadOnlyList<int> Horizons, HubTaskSampleRule Rule, IReadOnlySet<string>? Locations)
{
    /// <summary>Whether the task takes hub location <paramref name="location"/>.</summary>
    public bool Allows(string location) => Locations is null || Locations.Contains(location);
}
