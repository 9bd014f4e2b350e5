using System.Text.Json;
using Epy.Contracts.Outputs;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    /// <summary>
    /// Writes <c>outputs/fan_chart_{location}.png</c> for every location with trajectories: the
    /// weekly sum of the calibration comparison's series (what was fitted) against its observations;
    /// and the charts' numbers in <c>outputs/fan_charts.json</c> (<see cref="FanChartsFile"/>), which
    /// the orchestrator's dashboard draws.
    /// </summary>
    private static async Task WriteFanChartsAsync(RunFolder run, RunWorkspace workspace, Experiment experiment, IEnumerable<LocationResult> locations,
        LocationCodebook codebook, DateOnly? referenceDate, List<string> written, List<string> warnings, CancellationToken cancellationToken)
    {
        if (experiment.Calibration is not { Comparison.Count: > 0 } calibration)
        {
            warnings.Add("fan charts: skipped, they draw the series of a calibration comparison and the experiment has none");
            return;
        }
        var comparison = calibration.Comparison[0];
        var series = comparison.Simulation.Select(s => s.Value).ToArray();
        var valueLabel = $"weekly {comparison.ObservedValueColumn.Value}";
        var data = new List<FanChartData>();
        foreach (var location in locations)
        {
            if (location.Projection.Trajectories.Count == 0)
            {
                warnings.Add($"fan chart of {location.Population}: no trajectories, left out");
                continue;
            }
            double[][] incidence;
            try
            {
                incidence = WeeklyIncidence.Of(location.Projection, series);
            }
            catch (KeyNotFoundException e)
            {
                throw StageException.BadInput($"fan chart of {location.Population}: {e.Message}", e);
            }
            var entry = codebook.Find(location.Population);
            var name = entry?.Name;
            var title = name is null || name == location.Population ? location.Population : $"{name} ({location.Population})";
            var observed = Observations(calibration, comparison, workspace.Root, entry ?? Unlisted(location.Population), warnings);
            var chart = FanCharts.Build(location.Population, title, valueLabel, location.Projection.Weeks, incidence, observed)
                with { ReferenceDate = referenceDate, FittedThrough = calibration.FittingWindow?.EndDate.Value };
            var file = OutputFileNames.FanChart(location.Population);
            await run.WriteAsync(run.Paths.Outputs + file, FanChartPng.Render(chart), cancellationToken).ConfigureAwait(false);
            written.Add(file);
            data.Add(chart);
        }
        if (data.Count == 0)
            return;
        var json = JsonSerializer.SerializeToUtf8Bytes(new FanChartsFile(data), PipelineJsonContext.Default.FanChartsFile);
        await run.WriteAsync(run.Paths.Outputs + FanChartsFile.FileName, json, cancellationToken).ConfigureAwait(false);
        written.Add(FanChartsFile.FileName);
    }

    /// <summary>
    /// The location's whole observed series; only the fitting window's (which the runner read) when
    /// the whole file is not one weekly series for it, e.g. a gap outside the window; or nothing,
    /// with a warning.
    /// </summary>
    private static ObservedPoint[] Observations(CalibrationConfig calibration, ComparisonConfig comparison, string repository,
        LocationCodebookEntry location, List<string> warnings)
    {
        try
        {
            return Points(ObservedData.Load(calibration with { FittingWindow = null }, comparison, repository, location));
        }
        catch (ConfigValidationException) when (calibration.FittingWindow is not null)
        {
            // Tried again below, within the fitting window.
        }
        catch (ConfigValidationException e)
        {
            warnings.Add($"fan chart of {location.Iso}: drawn without observations: {e.Message}");
            return [];
        }
        try
        {
            return Points(ObservedData.Load(calibration, comparison, repository, location));
        }
        catch (ConfigValidationException e)
        {
            warnings.Add($"fan chart of {location.Iso}: drawn without observations: {e.Message}");
            return [];
        }
    }

    /// <summary>A location the codebook does not list (the builder checked them all): known by its ISO code alone.</summary>
    private static LocationCodebookEntry Unlisted(string iso) => new(iso, iso, iso, iso, iso);

    private static ObservedPoint[] Points(Epy.Engine.Calibration.ObservedSeries series) =>
        [.. series.Dates.Zip(series.Values, (date, value) => new ObservedPoint(date, value))];
}
