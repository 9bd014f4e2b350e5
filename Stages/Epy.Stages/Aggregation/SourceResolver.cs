using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;
using Epy.Stages.Storage;

namespace Epy.Stages.Aggregation;

/// <summary>
/// Resolves an aggregation's sources to runs in the artifact store: <c>run_id: latest</c> to the
/// experiment's newest successful run (<see cref="RunLookup"/>), a written run id to that run, which
/// must have succeeded. Every problem is a config error at the source's line (exit 3), all listed together.
/// </summary>
public static class SourceResolver
{
    /// <summary>Resolves every source of <paramref name="experiment"/>, reading each run's manifest.</summary>
    /// <exception cref="ConfigValidationException">A source is malformed, missing, unfinished or failed.</exception>
    public static async Task<IReadOnlyList<SourceRun>> ResolveAsync(IArtifactStore store, string dirPrefix, AggregationExperiment experiment,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(dirPrefix);
        ArgumentNullException.ThrowIfNull(experiment);
        var errors = new List<ConfigError>();
        var runs = new List<SourceRun>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sources = experiment.Aggregation.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var field = $"aggregation.sources[{i}]";
            if (!ExperimentId.TryParse(source.ExpId.Value, out var expId, out var reason))
            {
                errors.Add(ConfigError.At(source.ExpId.Span, $"{field}.exp_id", $"'{source.ExpId.Value}' {reason}"));
                continue;
            }
            if (source.ExpId.Value == experiment.ExpId)
            {
                errors.Add(ConfigError.At(source.ExpId.Span, $"{field}.exp_id", "an aggregation cannot be its own source"));
                continue;
            }
            var (run, problem) = await RunOfAsync(store, dirPrefix, expId, source, cancellationToken).ConfigureAwait(false);
            if (run is not { } found)
            {
                errors.Add(ConfigError.At(source.WantsLatest ? source.ExpId.Span : source.RunId.Span, $"{field}.{(source.WantsLatest ? "exp_id" : "run_id")}", problem!));
                continue;
            }
            if (!seen.Add($"{expId}/{found}"))
            {
                errors.Add(ConfigError.At(source.Span, field, $"run {found} of '{expId}' is already a source"));
                continue;
            }
            var folder = new RunFolder(store, new ArtifactPaths(dirPrefix, expId, found));
            BuildManifest manifest;
            try
            {
                manifest = await folder.ReadJsonAsync(folder.Paths.Manifest, PipelineJsonContext.Default.BuildManifest, cancellationToken).ConfigureAwait(false);
            }
            catch (StageException e) when (e.ExitCode == StageExitCodes.BadInput)
            {
                errors.Add(ConfigError.At(source.Span, field, $"run {found} of '{expId}' has no readable manifest: {e.Message}"));
                continue;
            }
            var metadata = await folder.ReadBytesAsync(folder.Paths.RunMetadata, cancellationToken).ConfigureAwait(false);
            var missing = metadata is null ? new HashSet<int>() : MissingTasks(metadata);
            var resolved = new ResolvedSource(expId.Value, found.Value, source.RunId.Value, source.Weight.Value, manifest.Kind);
            runs.Add(new SourceRun(source, resolved, manifest, missing));
        }
        if (errors.Count == 0)
            CheckLocations(runs, errors);
        if (errors.Count > 0)
            throw new ConfigValidationException(errors);
        return runs;
    }

    private static async Task<(RunId? Run, string? Problem)> RunOfAsync(IArtifactStore store, string dirPrefix, ExperimentId expId,
        AggregationSourceConfig source, CancellationToken cancellationToken)
    {
        if (source.WantsLatest)
        {
            var (latest, count) = await RunLookup.LatestSuccessfulAsync(store, dirPrefix, expId, cancellationToken).ConfigureAwait(false);
            if (latest is { } run)
                return (run, null);
            return (null, count == 0
                ? $"experiment '{expId}' has no run under {dirPrefix}{expId}/"
                : $"none of the {count} run(s) of experiment '{expId}' succeeded (run_id: latest takes the newest successful one)");
        }
        if (!RunId.TryParse(source.RunId.Value, out var id))
            return (null, $"'{source.RunId.Value}' is not a run id: expected 'latest' or one like 20261124-101500-a1b2c3d4");
        var paths = new ArtifactPaths(dirPrefix, expId, id);
        var verdict = await RunLookup.VerdictAsync(store, paths, cancellationToken).ConfigureAwait(false);
        if (verdict.Succeeded)
            return (id, null);
        var exists = await store.ExistsAsync(paths.Manifest, cancellationToken).ConfigureAwait(false);
        return (null, exists ? $"run {id} of '{expId}' did not succeed: {verdict.Why}" : $"run {id} of '{expId}' does not exist under {paths.Root}");
    }

    /// <summary>Every source must cover the same locations (epymodelingsuite pairs the sources' outputs location by location).</summary>
    private static void CheckLocations(List<SourceRun> runs, List<ConfigError> errors)
    {
        if (runs.Count == 0)
            return;
        var first = runs[0].TasksByLocation().Select(l => l.Location).ToHashSet(StringComparer.Ordinal);
        if (first.Count == 0)
            errors.Add(ConfigError.At(runs[0].Config.Span, "aggregation.sources[0]", $"run {runs[0].Resolved.RunId} of '{runs[0].Resolved.ExpId}' has no usable result"));
        foreach (var run in runs.Skip(1))
        {
            var locations = run.TasksByLocation().Select(l => l.Location).ToHashSet(StringComparer.Ordinal);
            if (locations.SetEquals(first))
                continue;
            var extra = string.Join(", ", locations.Except(first).Order(StringComparer.Ordinal));
            var lacking = string.Join(", ", first.Except(locations).Order(StringComparer.Ordinal));
            errors.Add(ConfigError.At(run.Config.Span, "aggregation.sources",
                $"run {run.Resolved.RunId} of '{run.Resolved.ExpId}' covers other locations than the first source: " +
                $"{(lacking.Length > 0 ? $"lacks {lacking}" : string.Empty)}{(lacking.Length > 0 && extra.Length > 0 ? "; " : string.Empty)}{(extra.Length > 0 ? $"adds {extra}" : string.Empty)}"));
        }
    }

    private static HashSet<int> MissingTasks(byte[] runMetadata)
    {
        try
        {
            var metadata = System.Text.Json.JsonSerializer.Deserialize(runMetadata, PipelineJsonContext.Default.RunMetadata);
            return metadata is null ? [] : [.. metadata.MissingResults.Select(m => m.Index)];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
