using System.Globalization;
using System.Text;
using Epy.Contracts.Builder;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Aggregation;

/// <summary>
/// Stage A for an aggregation experiment. Resolves the sources to runs (<see cref="SourceResolver"/>),
/// checks that they cover the same locations, and writes one task per location: its input names, for
/// every source, the run and the task indexes of that location (a calibration's one task, or a sampling's
/// rows). The manifest and <c>summaries/builder.txt</c> record the runs chosen. Nothing is written unless
/// every source resolves.
/// </summary>
/// <remarks>
/// One task per location mirrors epymodelingsuite (aggregated[i] combines every source's output i): the
/// locations run in parallel in Stage B, each reading only its own location's results, and Stage C writes
/// the tables from the N aggregated results as it does for a calibration.
/// </remarks>
public static class AggregationBuilder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Builds the aggregation run; returns the manifest it wrote.</summary>
    public static async Task<BuildManifest> RunAsync(StageContext context, AggregationExperiment experiment, string codebookPath, ForecastRepoSource origin,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(codebookPath);
        if (!File.Exists(codebookPath))
            throw StageException.BadInput($"LOCATION_CODEBOOK: {codebookPath} does not exist");
        var codebookBytes = await File.ReadAllBytesAsync(codebookPath, cancellationToken).ConfigureAwait(false);
        var codebook = LocationCodebook.Load(codebookPath);
        var run = context.Run;
        var sources = await SourceResolver.ResolveAsync(run.Store, run.Paths.DirPrefix, experiment, cancellationToken).ConfigureAwait(false);
        var locations = Locations(sources, codebook);

        var files = new List<(ArtifactDigest Copy, byte[] Bytes, TaskConfig Text)>();
        foreach (var file in experiment.Files)
        {
            var name = Path.GetFileName(file.Path);
            var bytes = await File.ReadAllBytesAsync(file.Path, cancellationToken).ConfigureAwait(false);
            var copy = new ArtifactDigest(name, $"config/{name}", RunFolder.Sha256(bytes));
            files.Add((copy, bytes, new TaskConfig(name, copy.Sha256, Utf8Text(bytes, file.Path))));
        }
        foreach (var (copy, bytes, _) in files)
            await run.WriteOnceAsync(run.Paths.Root + copy.Path, bytes, cancellationToken).ConfigureAwait(false);
        var codebookCopy = new ArtifactDigest($"reference/{RunWorkspace.Names.Codebook}", $"builder-artifacts/reference/{RunWorkspace.Names.Codebook}", RunFolder.Sha256(codebookBytes));
        await run.WriteOnceAsync(run.Paths.Root + codebookCopy.Path, codebookBytes, cancellationToken).ConfigureAwait(false);

        var texts = files.Select(f => f.Text).ToList();
        var runId = run.Paths.Run.ToString();
        for (var i = 0; i < locations.Count; i++)
        {
            var (entry, parts) = locations[i];
            var input = new TaskInput(TaskInput.CurrentSchema, i, TaskKind.Aggregation, experiment.ExpId, runId, entry.Iso, entry, TaskSeed.For(0, i), 0, texts,
                new TaskPopulation(entry.EpydemixName, [], [], new Dictionary<string, IReadOnlyList<IReadOnlyList<double>>>()), null, null, null, [], parts);
            await run.WriteOnceAsync(run.Paths.TaskInput(i), RunFolder.GzipJson(input, PipelineJsonContext.Default.TaskInput), cancellationToken).ConfigureAwait(false);
        }
        var manifest = new BuildManifest(TaskInput.CurrentSchema, experiment.ExpId, runId, TaskKind.Aggregation, locations.Count,
            [.. locations.Select((l, i) => new ManifestTask(i, BuilderStage.TaskId(i, l.Entry.Iso, null), l.Entry.Iso, null))],
            [.. files.Select(f => f.Copy)], [codebookCopy], StageContext.ProgramVersion, context.Time.GetUtcNow(), origin,
            [.. sources.Select(s => s.Resolved)]);
        await run.WriteAsync(run.Paths.Manifest, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest, PipelineJsonContext.Default.BuildManifest), cancellationToken).ConfigureAwait(false);
        await run.WriteAsync(run.Summary("builder.txt"), Encoding.UTF8.GetBytes(Summary(experiment, manifest)), cancellationToken).ConfigureAwait(false);
        foreach (var source in manifest.Sources!)
            context.Log.WriteLine($"builder: source {source.ExpId}: run {source.RunId}{(source.Requested == AggregationSourceConfig.Latest ? " (latest successful)" : string.Empty)}");
        context.Log.WriteLine($"builder: {locations.Count} aggregation task(s) for {experiment.ExpId} written to {run.Paths.Root}");
        return manifest;
    }

    /// <summary>Each location of the first source, in its order, with every source's tasks there.</summary>
    private static List<(LocationCodebookEntry Entry, IReadOnlyList<AggregationSourceInput> Parts)> Locations(IReadOnlyList<SourceRun> sources, LocationCodebook codebook)
    {
        var byLocation = sources.Select(s => s.TasksByLocation().ToDictionary(l => l.Location, l => l.Tasks, StringComparer.Ordinal)).ToArray();
        var result = new List<(LocationCodebookEntry, IReadOnlyList<AggregationSourceInput>)>();
        foreach (var (location, _) in sources[0].TasksByLocation())
        {
            var entry = codebook.Find(location)
                ?? throw StageException.BadInput($"location '{location}' of run {sources[0].Resolved.RunId} of '{sources[0].Resolved.ExpId}' is not in the location codebook");
            var parts = sources.Select((s, i) => new AggregationSourceInput(s.Resolved.ExpId, s.Resolved.RunId, s.Resolved.Weight, byLocation[i][location])).ToArray();
            result.Add((entry, parts));
        }
        return result;
    }

    private static string Summary(AggregationExperiment experiment, BuildManifest manifest)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"experiment: {manifest.ExpId}\nrun: {manifest.RunId}\nkind: {manifest.Kind}\ntasks: {manifest.TaskCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"locations: {string.Join(", ", manifest.Tasks.Select(t => t.Location))}\n");
        text.Append(CultureInfo.InvariantCulture, $"method: {ConfigNames.Of(experiment.Aggregation.Method.Value)}\nsampling: {experiment.Aggregation.Sampling.Value}\n");
        foreach (var source in manifest.Sources ?? [])
        {
            text.Append(CultureInfo.InvariantCulture,
                $"source: {source.ExpId} run {source.RunId} (run_id: {source.Requested}, weight {source.Weight.ToString(CultureInfo.InvariantCulture)}, {source.Kind.ToString().ToLowerInvariant()})\n");
        }
        foreach (var config in manifest.Configs)
            text.Append(CultureInfo.InvariantCulture, $"config: {config.Name} sha256:{config.Sha256}\n");
        if (manifest.ForecastRepo is { } source1)
            text.Append(CultureInfo.InvariantCulture, $"forecast repository: {source1.Repository}{(source1.Ref is { } r ? $" {r}" : string.Empty)}{(source1.Commit is { } c ? $" commit {c}" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"program: epy-stage {manifest.ProgramVersion}\nbuilt: {manifest.CreatedAt:O}\n");
        return text.ToString();
    }

    private static string Utf8Text(byte[] bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw StageException.BadInput($"{path} is not UTF-8 text: {e.Message}", e);
        }
    }
}
