using System.Globalization;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    /// <summary>
    /// Writes the hub file when the output config asks for it, built for the round's targets in the hub's
    /// tasks.json (<see cref="RoundTargets"/>); with <c>team_abbr</c> and <c>model_abbr</c>, also as the hub names
    /// it (<c>{reference_date}-{team}-{model}.csv</c>, and <c>.parquet</c> when the tables are written as Parquet).
    /// Returns null without a hub file. A reference date that is not a round of the hub, quantile levels other
    /// than the round's, or samples the round does not take are bad input.
    /// </summary>
    private static async Task<HubSubmission?> WriteHubAsync(StageContext context, RunWorkspace workspace, Experiment experiment, OutputConfig? output,
        IEnumerable<LocationResult> locations, LocationCodebook codebook, List<string> written, List<string> warnings, CancellationToken cancellationToken)
    {
        if (output?.FlusightFormat is not { } hub)
            return null;
        var incidence = (experiment.Calibration is { Comparison.Count: > 0 } c ? c.Comparison[0].Simulation : null)?.Select(s => s.Value).ToArray();
        if (incidence is null || incidence.Length == 0)
        {
            warnings.Add("flusight_format: skipped, the incidence series come from a calibration comparison and the experiment has none");
            return null;
        }
        if (!File.Exists(workspace.FlusightLocationsPath))
            throw StageException.BadInput($"flusight_format: the run folder has no {RunWorkspace.Names.FlusightLocations} (rebuild the run with FLUSIGHT_LOCATIONS set)");
        FluSightLocations table;
        using (var reader = new StreamReader(workspace.FlusightLocationsPath))
            table = FluSightLocations.Parse(reader);
        ObservedCounts? observed = null;
        if (hub.RateTrends is { } trends)
        {
            using var reader = new StreamReader(Path.Combine(workspace.Root, trends.ObservedDataPath.Value));
            observed = ObservedCounts.Parse(reader, trends.ObservedLocationColumn.Value, trends.ObservedDateColumn.Value, trends.ObservedValueColumn.Value);
        }

        var reference = ReferenceDate(workspace, hub, observed);
        if (ReferenceDates.Refusal(reference) is { } notSaturday)
            throw StageException.BadInput($"{Where(workspace, hub.ReferenceDate?.Span ?? hub.Span)}: output.flusight_format.reference_date: {notSaturday}");
        var (config, folder) = ReadHubConfig(context, workspace, hub, warnings);
        var targets = RoundTargets.Builtin;
        if (config is not null)
        {
            if (ReferenceDates.Refusal(reference, [.. ReferenceDates.Rounds(config)]) is { } notARound)
                throw StageException.BadInput($"{Where(workspace, hub.ReferenceDate?.Span ?? hub.Span)}: output.flusight_format.reference_date: {notARound} (hub config {folder})");
            try
            {
                targets = RoundTargets.Of(config, reference, hub.WritesSamples);
            }
            catch (FormatException e)
            {
                throw StageException.BadInput($"hub config {folder}: tasks.json: {e.Message}", e);
            }
        }
        else
        {
            warnings.Add("flusight_format: no hub config could be read; the hub file carries FluSight 2025-26's built-in targets (23 levels, horizons -1 to 3, rate change 0 to 3)");
        }
        CheckSamplesAndLevels(workspace, hub, reference, config is not null, targets);

        // The season targets come from the round's tasks.json.
        var peaks = config is null ? null : PeakSeason.Of(config, reference);
        var seed = (ulong)(experiment.Basemodel.RandomSeed?.Value ?? 0);
        var forecast = FluSightHub.Build(locations, new HubRequest(reference, incidence, table, codebook, observed, peaks) { Targets = targets, Seed = seed });
        warnings.AddRange(forecast.Warnings);
        await WriteCsvAsync(context.Run, output, OutputFileNames.HubFormatted, SeriesSelection.All, w => HubWriter.Write(w, forecast.Rows), written, cancellationToken).ConfigureAwait(false);
        var file = await WriteNamedSubmissionAsync(context.Run, output, hub, reference, forecast.Rows, written, cancellationToken).ConfigureAwait(false);
        return new HubSubmission(forecast.Rows, config, folder, reference, hub.ModelId, file);
    }

    /// <summary>The configured reference date, else the round after the last observation of the rate-trend data.</summary>
    private static DateOnly ReferenceDate(RunWorkspace workspace, FlusightFormatConfig hub, ObservedCounts? observed)
    {
        if (hub.ReferenceDate is { } configured)
            return configured.Value;
        return observed?.LastDate is { } last
            ? ReferenceDates.After(last)
            : throw StageException.BadInput($"{Where(workspace, hub.Span)}: output.flusight_format.reference_date: not given, and the rate-trend data "
                + $"({hub.RateTrends?.ObservedDataPath.Value ?? "none"}) hold no observation to take the round after: give reference_date");
    }

    private static void CheckSamplesAndLevels(RunWorkspace workspace, FlusightFormatConfig hub, DateOnly reference, bool fromHubConfig, RoundTargets targets)
    {
        var round = CsvText.Date(reference);
        if (hub.Samples is { Value: true } samples && !targets.SamplesOffered)
        {
            var why = fromHubConfig
                ? $"the hub's round {round} has no sample output type for a target this program writes ({HubFormat.IncidenceTarget}, {HubFormat.RateChangeTarget})"
                : "no hub config could be read, and only its tasks.json says how samples are written";
            throw StageException.BadInput($"{Where(workspace, samples.Span)}: output.flusight_format.samples: {why}; remove samples or set it to false");
        }
        if (hub.Quantiles is { } wanted)
        {
            var levels = targets.Incidence?.Levels ?? [];
            if (!wanted.Value.Order().SequenceEqual(levels))
            {
                throw StageException.BadInput($"{Where(workspace, wanted.Span)}: output.flusight_format.quantiles: the round {round} takes the levels "
                    + $"[{string.Join(", ", levels.Select(CsvText.Number))}]; give those or leave quantiles out (the hub file carries the round's levels)");
            }
        }
    }

    /// <summary>
    /// With <c>team_abbr</c> and <c>model_abbr</c>: the submission as the hub names it, plain CSV with the hub's
    /// columns and the rows of <c>output_hub_formatted</c>, and Parquet too when <c>tabular_output_types</c> has it.
    /// </summary>
    private static async Task<string?> WriteNamedSubmissionAsync(RunFolder run, OutputConfig output, FlusightFormatConfig hub, DateOnly reference, IReadOnlyList<HubRow> rows,
        List<string> written, CancellationToken cancellationToken)
    {
        if (hub.ModelId is not { } modelId)
            return null;
        var stem = $"{CsvText.Date(reference)}-{modelId}";
        var csv = TableFile.Csv(w => HubWriter.Write(w, rows));
        var files = new List<(string Name, byte[] Bytes)> { ($"{stem}.csv", new System.Text.UTF8Encoding(false).GetBytes(csv)) };
        if (output.TabularOutputTypes.Contains(TabularOutputType.Parquet))
            files.Add((TableFile.Name(stem, TabularOutputType.Parquet), await TableFile.ParquetAsync(csv, HubTextColumns, cancellationToken).ConfigureAwait(false)));
        foreach (var (name, bytes) in files)
        {
            await run.WriteAsync(run.Paths.Outputs + name, bytes, cancellationToken).ConfigureAwait(false);
            written.Add(name);
        }
        return files[0].Name;
    }

    /// <summary>The hub's character columns: codes and ids, never numbers (location 01, quantile level 0.5 as an id).</summary>
    private static readonly string[] HubTextColumns = ["location", "target", "output_type", "output_type_id"];

    /// <summary>A config position as the forecast repository names it (the workspace is a temporary copy).</summary>
    private static string Where(RunWorkspace workspace, SourceSpan span)
    {
        var relative = Path.GetRelativePath(workspace.Root, span.File);
        var file = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? span.File : relative.Replace('\\', '/');
        return (span with { File = file }).ToString();
    }
}
