using System.Globalization;
using System.Text;
using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;

namespace Epy.Stages.Pipeline;

/// <summary>Stage C for an aggregation run: the tables its output config asks for, from the aggregated results.</summary>
public static partial class OutputStage
{
    private static async Task<RunMetadata> WriteAggregationAsync(StageContext context, BuildManifest manifest, TaskResultSpool results, IReadOnlyList<MissingResult> missing,
        DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var run = context.Run;
        if (context.Settings.OutputConfigFile is { } other)
            throw StageException.BadInput($"OUTPUT_CONFIG_FILE ({other}) does not apply to an aggregation run: its aggregation config names the output config (output_config)");
        var files = new List<(string, byte[])>();
        foreach (var config in manifest.Configs)
        {
            var bytes = await run.ReadBytesAsync(run.Paths.Root + config.Path, cancellationToken).ConfigureAwait(false)
                ?? throw StageException.BadInput($"{run.Paths.Root}{config.Path} is missing");
            if (RunFolder.Sha256(bytes) != config.Sha256)
                throw StageException.BadInput($"{run.Paths.Root}{config.Path} does not match its SHA-256 {config.Sha256} in the manifest");
            files.Add((config.Name, bytes));
        }
        var experiment = AggregationLoader.FromFiles(manifest.ExpId, run.Config(string.Empty).TrimEnd('/'), files);
        var output = experiment.Output;
        IEnumerable<LocationResult> locations = results;

        var written = new List<string>();
        var quantiles = Selections(output.Quantiles);
        var trajectories = Selections(output.Trajectories);
        await WriteCsvAsync(run, output, OutputFileNames.QuantilesCompartments, quantiles.Compartments, w => QuantilesWriter.Write(w, locations, SeriesKind.Compartments, quantiles.Compartments, output.Quantiles?.Levels), written, cancellationToken).ConfigureAwait(false);
        await WriteCsvAsync(run, output, OutputFileNames.QuantilesTransitions, quantiles.Transitions, w => QuantilesWriter.Write(w, locations, SeriesKind.Transitions, quantiles.Transitions, output.Quantiles?.Levels), written, cancellationToken).ConfigureAwait(false);
        await WriteCsvAsync(run, output, OutputFileNames.TrajectoriesCompartments, trajectories.Compartments, w => TrajectoriesWriter.Write(w, locations, SeriesKind.Compartments, trajectories.Compartments), written, cancellationToken).ConfigureAwait(false);
        await WriteCsvAsync(run, output, OutputFileNames.TrajectoriesTransitions, trajectories.Transitions, w => TrajectoriesWriter.Write(w, locations, SeriesKind.Transitions, trajectories.Transitions), written, cancellationToken).ConfigureAwait(false);
        var facts = AggregationFacts(manifest, experiment, locations, results.Count);
        await WriteCsvAsync(run, output, OutputFileNames.ModelMetadata, SeriesSelection.All, w => ModelMetadataWriter.Write(w, facts), written, cancellationToken).ConfigureAwait(false);

        var metadata = new RunMetadata(TaskInput.CurrentSchema, manifest.ExpId, manifest.RunId, StageContext.ProgramVersion, manifest.Kind, manifest.Configs,
            manifest.TaskCount, results.Count, missing, written, [], manifest.CreatedAt, startedAt, context.Time.GetUtcNow(), results.ElapsedSeconds, manifest.ForecastRepo);
        await run.WriteAsync(run.Paths.RunMetadata, JsonSerializer.SerializeToUtf8Bytes(metadata, PipelineJsonContext.Default.RunMetadata), cancellationToken).ConfigureAwait(false);
        var sources = string.Join(", ", (manifest.Sources ?? []).Select(s => $"{s.ExpId} run {s.RunId}"));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"output: {results.Count} of {manifest.TaskCount} aggregated results ({sources}) written into {written.Count} files under {run.Paths.Outputs}{(missing.Count > 0 ? $"; missing tasks: {string.Join(", ", missing.Select(m => m.Index))}" : string.Empty)}");
        await run.WriteAsync(run.Summary("output.txt"), Encoding.UTF8.GetBytes(summary + "\n"), cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine(summary);
        return metadata;
    }

    private static List<KeyValuePair<string, string>> AggregationFacts(BuildManifest manifest, AggregationExperiment experiment, IEnumerable<LocationResult> locations, int used)
    {
        var facts = new List<KeyValuePair<string, string>>
        {
            new("exp_id", manifest.ExpId),
            new("run_id", manifest.RunId),
            new("program_version", manifest.ProgramVersion),
            new("kind", "aggregation"),
            new("locations", string.Join(";", locations.Select(l => l.Population))),
            new("tasks", manifest.TaskCount.ToString(CultureInfo.InvariantCulture)),
            new("results_used", used.ToString(CultureInfo.InvariantCulture)),
            new("aggregation_method", ConfigNames.Of(experiment.Aggregation.Method.Value)),
            new("aggregation_sampling", experiment.Aggregation.Sampling.Value),
        };
        foreach (var source in manifest.Sources ?? [])
        {
            facts.Add(new($"source_run_id:{source.ExpId}", source.RunId));
            facts.Add(new($"source_weight:{source.ExpId}", source.Weight.ToString("R", CultureInfo.InvariantCulture)));
        }
        foreach (var config in manifest.Configs)
            facts.Add(new($"config_sha256:{config.Name}", config.Sha256));
        return facts;
    }
}
