namespace Epy.Stages.Outputs.Hub;

/// <summary>A round's quantile task for one target, as the hub file is built from it.</summary>
/// <param name="Horizons">The horizons to write, increasing.</param>
/// <param name="Levels">The quantile levels (the output type's required ids, numeric), increasing.</param>
/// <param name="Locations">The hub location codes the task allows; null: any.</param>
public sealed record QuantileTask(IReadOnlyList<int> Horizons, IReadOnlyList<double> Levels, IReadOnlySet<string>? Locations)
{
    /// <summary>Whether the task takes hub location <paramref name="location"/>.</summary>
    public bool Allows(string location) => Locations is null || Locations.Contains(location);
}
