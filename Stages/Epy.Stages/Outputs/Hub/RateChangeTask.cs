namespace Epy.Stages.Outputs.Hub;

/// <summary>A round's rate-change pmf task, as the hub file is built from it.</summary>
/// <param name="Horizons">The horizons to write (those the round lists and <see cref="RateChangeRules"/> has thresholds for), increasing.</param>
/// <param name="Categories">The pmf categories, in <see cref="RateChangeRules.Categories"/> order.</param>
/// <param name="Locations">The hub location codes the task allows; null: any.</param>
public sealed record RateChangeTask(IReadOnlyList<int> Horizons, IReadOnlyList<RateChangeCategory> Categories, IReadOnlySet<string>? Locations)
{
    /// <summary>Whether the task takes hub location <paramref name="location"/>.</summary>
    public bool Allows(string location) => Locations is null || Locations.Contains(location);
}
