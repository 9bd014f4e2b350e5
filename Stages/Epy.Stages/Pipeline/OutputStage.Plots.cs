using Epy.Stages.Configs;
using Epy.Stages.Outputs;

namespace Epy.Stages.Pipeline;

public static partial class OutputStage
{
    /// <summary>
    /// Writes the figures <c>output.plots</c> asks for, each in every <c>figure_output_types</c>
    /// format: <c>posterior_grid</c>, <c>quantiles_grid_{filtered,full,side_by_side}</c> and
    /// <c>categorical</c> (rate-trend probabilities, from the hub file's rows).
    /// </summary>
    private static async Task WritePlotsAsync(RunFolder run, RunWorkspace workspace, Experiment experiment, OutputConfig? output, IEnumerable<LocationResult> locations,
        IReadOnlyList<HubRow> hubRows, List<string> written, List<string> warnings, CancellationToken cancellationToken)
    {
        if (output?.Plots is not { } plots)
            return;
        var figures = new List<(string Stem, Figure Figure)>();
        if (plots.PosteriorGrid)
        {
            if (PosteriorGridFigure.Build(locations, plots.PosteriorBins) is { } grid)
                figures.Add(("posterior_grid", grid));
            else
                warnings.Add("plots.posterior.grid: skipped, no location has a calibration");
        }
        if (plots.Quantiles.Grid && plots.Quantiles.Outputs.Count > 0)
        {
            foreach (var variant in plots.Quantiles.Outputs)
            {
                var panels = QuantilePanels(workspace, experiment, output, plots.Quantiles, variant, locations);
                figures.Add((QuantileGridFigure.Stem(variant.Kind), QuantileGridFigure.Build(panels, variant, plots.Quantiles, plots.ReferenceDate)));
            }
        }
        if (plots.Categorical is { } categorical)
        {
            if (CategoricalFigure.Build(hubRows, [.. categorical.Categories.Select(c => c.Value)], categorical.Colors, categorical.Horizons) is { } figure)
                figures.Add(("categorical", figure));
            else
                warnings.Add("plots.categorical: skipped, the run wrote no rate-trend probabilities (flusight_format with rate_trends or rate_trends_source)");
        }
        foreach (var (stem, figure) in figures)
        {
            foreach (var type in plots.FigureOutputTypes)
            {
                var file = Figure.FileName(stem, type);
                await run.WriteAsync(run.Paths.Outputs + file, figure.Render(type, plots.Dpi), cancellationToken).ConfigureAwait(false);
                written.Add(file);
            }
        }
    }

    /// <summary>Stops with bad input before any file is written when the quantile plots cannot be drawn (an unknown value column or a missing surveillance file).</summary>
    private static void CheckPlots(RunWorkspace workspace, Experiment experiment, OutputConfig? output, IEnumerable<LocationResult> locations)
    {
        if (output?.Plots is not { Quantiles: { Grid: true, Outputs.Count: > 0 } quantiles })
            return;
        if (locations.FirstOrDefault(l => l.Projection.Trajectories.Count > 0) is { } location)
            PlottedSeries(experiment, quantiles.ValueColumn, location);
        foreach (var source in output.Surveillance)
        {
            if (!File.Exists(Path.Combine(workspace.Root, source.DataPath.Value)))
                throw StageException.BadInput($"{source.DataPath.Span}: output.options.surveillance.{source.Name.Value}.data_path: {source.DataPath.Value} does not exist in the forecast repository");
        }
    }

    private static List<QuantilePanel> QuantilePanels(RunWorkspace workspace, Experiment experiment, OutputConfig output, QuantilesPlotConfig config,
        QuantilePlotOutputConfig variant, IEnumerable<LocationResult> locations)
    {
        var source = variant.SurveillanceSource is { } name
            ? output.Surveillance.First(s => s.Name.Value == name.Value)
            : output.Surveillance.Count == 1 ? output.Surveillance[0] : null;
        ObservedCounts? observed = null;
        if (source is not null && variant.ShowSurveillance)
        {
            var path = Path.Combine(workspace.Root, source.DataPath.Value);
            if (!File.Exists(path))
                throw StageException.BadInput($"{source.DataPath.Span}: output.options.surveillance.{source.Name.Value}.data_path: {source.DataPath.Value} does not exist in the forecast repository");
            using var reader = new StreamReader(path);
            observed = ObservedCounts.Parse(reader, source.LocationColumn.Value, source.DateColumn.Value, source.ValueColumn.Value);
        }
        var window = experiment.Calibration?.FittingWindow is { } fit ? (fit.StartDate.Value, fit.EndDate.Value) : ((DateOnly, DateOnly)?)null;
        var panels = new List<QuantilePanel>();
        foreach (var location in locations.Where(l => l.Projection.Trajectories.Count > 0))
            panels.Add(new QuantilePanel(location.Population, location.Projection.Weeks, PlottedSeries(experiment, config.ValueColumn, location), observed?.Series(location.Population) ?? [], window));
        return panels;
    }

    /// <summary>
    /// The series <c>plots.quantiles.value_column</c> names, per trajectory: a transition series
    /// (weekly sums), a compartment series, or the calibration comparison whose observed column it is.
    /// </summary>
    private static double[][] PlottedSeries(Experiment experiment, Located<string> valueColumn, LocationResult location)
    {
        var projection = location.Projection;
        var name = valueColumn.Value;
        if (Known(projection, name, SeriesKind.Transitions))
            return WeeklyIncidence.Of(projection, [name]);
        if (Known(projection, name, SeriesKind.Compartments))
            return [.. Enumerable.Range(0, projection.Trajectories.Count).Select(t => projection.Series(t, name))];
        if (experiment.Calibration?.Comparison.FirstOrDefault(c => c.ObservedValueColumn.Value == name) is { } comparison)
            return WeeklyIncidence.Of(projection, [.. comparison.Simulation.Select(s => s.Value)]);
        throw StageException.BadInput($"{valueColumn.Span}: output.plots.quantiles.value_column: '{name}' is neither a transition or compartment series of the projection (e.g. Hosp_total) nor the observed column of a calibration comparison");
    }

    private static bool Known(Epy.Engine.Calibration.Projection projection, string name, SeriesKind kind)
    {
        try
        {
            SeriesSelection.Of([name]).Resolve(projection, kind);
            return true;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }
}
