using System.Globalization;
using Epy.Contracts.Builder;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    private static async Task WriteTablesAsync(RunFolder run, Experiment experiment, OutputConfig? output, IEnumerable<LocationResult> locations, bool projected,
        List<string> written, CancellationToken cancellationToken)
    {
        // Without an output config: every series (per age group and total), as quantiles and trajectories, and the posteriors of a calibration.
        // Without projections (a calibration without a projection section): the posteriors alone. A location
        // whose calibration kept nothing to project from is left out of them (OutputStage.Projected warns).
        var locationsProjected = locations.Where(l => l.Projection.Trajectories.Count > 0);
        projected &= locationsProjected.Any();
        var none = (SeriesSelection.None, SeriesSelection.None);
        var quantiles = !projected ? none : output is null ? (SeriesSelection.All, SeriesSelection.All) : Selections(output.Quantiles);
        var trajectories = !projected ? none : output is null ? (SeriesSelection.All, SeriesSelection.All) : Selections(output.Trajectories);
        var levels = output?.Quantiles?.Levels;
        await WriteCsvAsync(run, output, OutputFileNames.QuantilesCompartments, quantiles.Item1, w => QuantilesWriter.Write(w, locationsProjected, SeriesKind.Compartments, quantiles.Item1, levels), written, cancellationToken).ConfigureAwait(false);
        await WriteCsvAsync(run, output, OutputFileNames.QuantilesTransitions, quantiles.Item2, w => QuantilesWriter.Write(w, locationsProjected, SeriesKind.Transitions, quantiles.Item2, levels), written, cancellationToken).ConfigureAwait(false);
        await WriteCsvAsync(run, output, OutputFileNames.TrajectoriesCompartments, trajectories.Item1, w => TrajectoriesWriter.Write(w, locationsProjected, SeriesKind.Compartments, trajectories.Item1), written, cancellationToken).ConfigureAwait(false);
        await WriteCsvAsync(run, output, OutputFileNames.TrajectoriesTransitions, trajectories.Item2, w => TrajectoriesWriter.Write(w, locationsProjected, SeriesKind.Transitions, trajectories.Item2), written, cancellationToken).ConfigureAwait(false);
        // epymodelingsuite's posteriors default to false: an output config that omits them writes none.
        var posteriors = experiment.Calibration is not null && (output is null || output.Posteriors?.Enabled == true);
        if (posteriors)
        {
            var withGenerations = output?.Posteriors?.Generations.Count > 0;
            await WriteCsvAsync(run, output, OutputFileNames.Posteriors, SeriesSelection.All, w => PosteriorsWriter.Write(w, locations, withGenerations), written, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteMetadataAsync(RunFolder run, BuildManifest manifest, Experiment experiment, OutputConfig? output, IEnumerable<LocationResult> locations,
        int results, List<string> written, CancellationToken cancellationToken)
    {
        if (manifest.Kind != TaskKind.Calibration)
        {
            // epymodelingsuite's simulation workflow: one row per model, with its sampled values.
            var deltaT = experiment.Basemodel.Timespan.DeltaT.Value;
            await WriteCsvAsync(run, output, OutputFileNames.ModelMetadata, SeriesSelection.All, w => ModelTableWriter.Write(w, locations, deltaT), written, cancellationToken).ConfigureAwait(false);
            return;
        }
        var facts = new List<KeyValuePair<string, string>>
        {
            new("exp_id", manifest.ExpId),
            new("run_id", manifest.RunId),
            new("program_version", manifest.ProgramVersion),
            new("kind", manifest.Kind.ToString().ToLowerInvariant()),
            new("locations", string.Join(";", locations.Select(l => l.Population))),
            new("tasks", manifest.TaskCount.ToString(CultureInfo.InvariantCulture)),
            new("results_used", results.ToString(CultureInfo.InvariantCulture)),
            new("random_seed", (experiment.Basemodel.RandomSeed?.Value ?? 0).ToString(CultureInfo.InvariantCulture)),
            new("start_date", experiment.Basemodel.Timespan.StartDate.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? experiment.Basemodel.Timespan.StartDate.Kind.ToString().ToLowerInvariant()),
            new("end_date", experiment.Basemodel.Timespan.EndDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        };
        foreach (var config in manifest.Configs)
            facts.Add(new($"config_sha256:{config.Name}", config.Sha256));
        if (experiment.Calibration is { } calibration)
        {
            facts.Add(new("calibration_strategy", calibration.Strategy.Name.Value));
            facts.Add(new("distance_function", calibration.DistanceFunction.Value));
            if (output?.ModelMeta?.ProjectionParameters.Value == true)
            {
                facts.Add(new("projection_n_trajectories", (calibration.Projection?.NTrajectories.Value ?? 0).ToString(CultureInfo.InvariantCulture)));
                facts.Add(new("projection_end_date", experiment.Basemodel.Timespan.EndDate.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }
        }
        await WriteCsvAsync(run, output, OutputFileNames.ModelMetadata, SeriesSelection.All, w => ModelMetadataWriter.Write(w, facts), written, cancellationToken).ConfigureAwait(false);
    }

    private static (SeriesSelection Compartments, SeriesSelection Transitions) Selections(OutputSeriesConfig? config) =>
        config is null ? (SeriesSelection.None, SeriesSelection.None) : (Selection(config.Compartments), Selection(config.Transitions));

    private static SeriesSelection Selection(OutputSelection selection) =>
        selection.All ? SeriesSelection.All : SeriesSelection.Of(selection.Names.Select(n => n.Value));

    /// <summary>
    /// Writes table <paramref name="name"/> (its <c>.csv.gz</c> name) under <c>outputs/</c> in every
    /// format the output config's <c>tabular_output_types</c> asks for (gzip CSV without one), unless
    /// <paramref name="selection"/> is empty. Every table goes through here and <see cref="TableFile"/>.
    /// </summary>
    private static async Task WriteCsvAsync(RunFolder run, OutputConfig? output, string name, SeriesSelection selection, Action<TextWriter> write, List<string> written,
        CancellationToken cancellationToken)
    {
        var types = output?.TabularOutputTypes ?? [TabularOutputType.CsvGz];
        if (selection.IsEmpty || types.Count == 0)
            return;
        var files = new List<(string Name, byte[] Bytes)>();
        try
        {
            if (types.All(t => t == TabularOutputType.CsvGz))
            {
                files.Add((TableFile.Name(TableFile.Stem(name), TabularOutputType.CsvGz), TableFile.GzipCsv(write)));
            }
            else
            {
                var csv = TableFile.Csv(write);
                foreach (var type in types)
                    files.Add((TableFile.Name(TableFile.Stem(name), type), await TableFile.BytesAsync(csv, type, cancellationToken).ConfigureAwait(false)));
            }
        }
        catch (KeyNotFoundException e)
        {
            throw StageException.BadInput($"{name}: {e.Message}", e);
        }
        foreach (var (file, bytes) in files)
        {
            await run.WriteAsync(run.Paths.Outputs + file, bytes, cancellationToken).ConfigureAwait(false);
            written.Add(file);
        }
    }
}
