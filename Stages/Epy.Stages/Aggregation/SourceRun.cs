using Epy.Contracts.Builder;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Aggregation;

/// <summary>An aggregation source resolved to one successful run, with that run's manifest.</summary>
/// <param name="Config">The source as the config wrote it.</param>
/// <param name="Resolved">The run chosen, as the manifest records it.</param>
/// <param name="Manifest">The source run's manifest: its tasks and their locations.</param>
/// <param name="Missing">The source run's tasks its output stage left out (its run_metadata.json), skipped here too.</param>
public sealed record SourceRun(AggregationSourceConfig Config, ResolvedSource Resolved, BuildManifest Manifest, IReadOnlySet<int> Missing)
{
    /// <summary>The run's usable task indexes for each location, locations in the order the run lists them.</summary>
    public IReadOnlyList<(string Location, IReadOnlyList<int> Tasks)> TasksByLocation() =>
        [.. Manifest.Tasks.Where(t => !Missing.Contains(t.Index))
            .GroupBy(t => t.Location, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<int>)[.. g.Select(t => t.Index).Order()]))];
}
