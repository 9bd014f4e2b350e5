using System.Globalization;
using System.Text;
using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage C: reads the manifest and the N results (with <c>ALLOW_PARTIAL_RESULTS</c>, missing or
/// unreadable ones are listed and left out), and writes the outputs under <c>outputs/</c> and
/// <c>run_metadata.json</c>, with a PNG fan chart per location.
/// </summary>
public static partial class OutputStage
{
    /// <summary>Runs the output stage; returns the run metadata it wrote.</summary>
    public static async Task<RunMetadata> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = context.Run;
        var startedAt = context.Time.GetUtcNow();
        var manifest = await run.ReadJsonAsync(run.Paths.Manifest, PipelineJsonContext.Default.BuildManifest, cancellationToken).ConfigureAwait(false);
        using var results = await TaskResultSpool.ReadAsync(run, manifest.TaskCount, manifest.Kind, cancellationToken).ConfigureAwait(false);
        var missing = results.Missing;
        if (results.Count == 0)
            throw StageException.BadInput($"no task result could be read among {manifest.TaskCount} under {run.Paths.Root}runner-artifacts/: {missing[0].Reason}");
        if (missing.Count > 0 && !context.Settings.AllowPartialResults)
            throw StageException.BadInput($"ALLOW_PARTIAL_RESULTS is false and {missing.Count} of {manifest.TaskCount} results are unusable: tasks {string.Join(", ", missing.Select(m => m.Index))}");
        foreach (var gap in missing)
            context.Log.WriteLine($"output: leaving out task {gap.Index}: {gap.Reason}");

        if (manifest.Kind == TaskKind.Aggregation)
            return await WriteAggregationAsync(context, manifest, results, missing, startedAt, cancellationToken).ConfigureAwait(false);

        using var workspace = await RunWorkspace.CreateAsync(run, manifest.ExpId, manifest.Configs, manifest.Data, cancellationToken).ConfigureAwait(false);
        var codebook = LocationCodebook.Load(workspace.CodebookPath);
        var experiment = ExperimentLoader.Load(workspace.Root, manifest.ExpId, codebook);
        var output = await OutputConfigAsync(context, experiment, cancellationToken).ConfigureAwait(false);
        var locations = Aggregate(results, output?.Posteriors);

        var warnings = new List<string>();
        var written = new List<string>();
        var projected = Projected(experiment, locations, warnings);
        CheckPlots(workspace, experiment, output, locations);
        await WriteTablesAsync(run, experiment, output, locations, projected, written, cancellationToken).ConfigureAwait(false);
        await WriteMetadataAsync(run, manifest, experiment, output, locations, results.Count, written, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<HubRow> hubRows = [];
        SubmissionVerdict? verdict = null;
        if (projected)
        {
            var submission = await WriteHubAsync(context, workspace, experiment, output, locations, codebook, written, warnings, cancellationToken).ConfigureAwait(false);
            hubRows = submission?.Rows ?? [];
            verdict = await ValidateSubmissionAsync(run, submission, written, warnings, cancellationToken).ConfigureAwait(false);
            await WriteFanChartsAsync(run, workspace, experiment, locations, codebook, submission?.ReferenceDate, written, warnings, cancellationToken).ConfigureAwait(false);
        }
        await WritePlotsAsync(run, workspace, experiment, output, locations, hubRows, written, warnings, cancellationToken).ConfigureAwait(false);

        var metadata = new RunMetadata(TaskInput.CurrentSchema, manifest.ExpId, manifest.RunId, StageContext.ProgramVersion, manifest.Kind, manifest.Configs,
            manifest.TaskCount, results.Count, missing, written, warnings, manifest.CreatedAt, startedAt, context.Time.GetUtcNow(), results.ElapsedSeconds, manifest.ForecastRepo, verdict);
        await run.WriteAsync(run.Paths.RunMetadata, JsonSerializer.SerializeToUtf8Bytes(metadata, PipelineJsonContext.Default.RunMetadata), cancellationToken).ConfigureAwait(false);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"output: {results.Count} of {manifest.TaskCount} results aggregated into {written.Count} files under {run.Paths.Outputs}{(missing.Count > 0 ? $"; missing tasks: {string.Join(", ", missing.Select(m => m.Index))}" : string.Empty)}");
        await run.WriteAsync(run.Summary("output.txt"), Encoding.UTF8.GetBytes(summary + "\n" + string.Join("\n", warnings) + "\n"), cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine(summary);
        return metadata;
    }

    /// <summary>
    /// Whether there are projections to write. A calibration without a <c>projection</c> section has none
    /// (epymodelingsuite runs the calibration alone and its output stage finds no projection quantiles or
    /// trajectories): only its posteriors and metadata are written, with a warning. A location whose
    /// calibration kept no generation to project from (stopped early) is named in a warning.
    /// </summary>
    private static bool Projected(Experiment experiment, IEnumerable<LocationResult> locations, List<string> warnings)
    {
        if (experiment.Calibration is not { } calibration)
            return true;
        if (calibration.Projection is null)
        {
            warnings.Add("calibration without a projection section: posteriors and calibration outputs only; no projection quantiles, trajectories, hub file or fan charts");
            return false;
        }
        foreach (var location in locations.Where(l => l.Projection.Trajectories.Count == 0 && l.Calibration is not null))
        {
            var kept = location.Calibration!.Generations;
            var wanted = calibration.Projection.GenerationNumber?.Value;
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"projection of {location.Population}: none, the calibration stopped ({location.Calibration.StopReason.ToString().ToLowerInvariant()}) keeping {kept.Length} generation(s), {(wanted is { } g ? $"not generation {g}," : "none")} to project from"));
        }
        return true;
    }

    /// <summary>The experiment's output config, or the one <c>OUTPUT_CONFIG_FILE</c> names (a path, or a file under the run's <c>config/</c>).</summary>
    private static async Task<OutputConfig?> OutputConfigAsync(StageContext context, Experiment experiment, CancellationToken cancellationToken)
    {
        var name = context.Settings.OutputConfigFile;
        if (name is null)
            return experiment.Output;
        var bytes = File.Exists(name)
            ? await File.ReadAllBytesAsync(name, cancellationToken).ConfigureAwait(false)
            : await context.Run.ReadBytesAsync(context.Run.Config(Path.GetFileName(name)), cancellationToken).ConfigureAwait(false)
                ?? throw StageException.BadInput($"OUTPUT_CONFIG_FILE: {name} is neither a file nor under {context.Run.Paths.Root}config/");
        var parsed = ConfigLoader.Parse(Encoding.UTF8.GetString(bytes), name);
        if (parsed.Errors.Count > 0)
            throw new ConfigValidationException(parsed.Errors);
        return parsed.Document?.Output ?? throw StageException.BadInput($"OUTPUT_CONFIG_FILE: {name} is not an output config (no top-level 'output')");
    }

    /// <summary>
    /// One <see cref="LocationResult"/> per model, in task order, as epymodelingsuite writes one block per
    /// <c>primary_id</c>: a calibrated location, one sample row of a location (its <c>n_sims</c> runs), or the basemodel.
    /// Streamed: each enumeration reads the results back one at a time.
    /// </summary>
    private static IEnumerable<LocationResult> Aggregate(TaskResultSpool results, PosteriorsConfig? posteriors)
    {
        var generations = posteriors is { Generations.Count: > 0 } ? posteriors.Generations.Select(g => g.Value).ToArray() : null;
        return results.Select(r => r with { Generations = generations });
    }
}
