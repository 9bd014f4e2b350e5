using ScottPlot;

namespace Epy.Stages.Outputs;

/// <summary>
/// epymodelingsuite's <c>posterior_grid</c>: one row per calibrated location, one column per
/// calibrated quantity (sorted by name), each a density histogram of the final generation's particles.
/// </summary>
public static class PosteriorGridFigure
{
    /// <summary>The figure; null when no location has a calibration.</summary>
    public static Figure? Build(IEnumerable<LocationResult> locations, int bins)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var calibrated = locations.Where(l => l.Calibration is { Generations.Length: > 0 })
            .Select(l => l with { Projection = l.Projection with { Trajectories = [] } }) // only the posteriors are kept, not the trajectories
            .ToList();
        if (calibrated.Count == 0)
            return null;
        var parameters = calibrated.SelectMany(l => l.Calibration!.Quantities).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var panels = new List<Plot?>();
        foreach (var location in calibrated)
        {
            var calibration = location.Calibration!;
            var last = calibration.Generations[^1];
            foreach (var parameter in parameters)
            {
                var q = Array.IndexOf(calibration.Quantities, parameter);
                if (q < 0)
                {
                    panels.Add(null);
                    continue;
                }
                var values = Enumerable.Range(0, last.Count).Select(i => last.Particle(i)[q]).Where(double.IsFinite).ToArray();
                panels.Add(Histogram(values, bins, parameter, location.Population));
            }
        }
        return new Figure(panels, parameters.Count, 320, 260, null);
    }

    /// <summary>The density histogram's bars: (left edge, width, density) per bin.</summary>
    public static (double Left, double Width, double Density)[] Bins(IReadOnlyList<double> values, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            return [];
        var (min, max) = (values.Min(), values.Max());
        if (min == max)
            (min, max) = (min - 0.5, max + 0.5);
        var width = (max - min) / bins;
        var counts = new int[bins];
        foreach (var value in values)
            counts[Math.Min(bins - 1, (int)((value - min) / width))]++;
        return [.. counts.Select((count, b) => (min + b * width, width, count / (values.Count * width)))];
    }

    private static Plot Histogram(double[] values, int bins, string parameter, string location)
    {
        var plot = new Plot();
        PlotFonts.Apply(plot);
        var bars = Bins(values, bins).Select(b => new Bar
        {
            Position = b.Left + b.Width / 2,
            Value = b.Density,
            Size = b.Width,
            FillColor = PlotFonts.Color("C0").WithAlpha(0.7),
            LineColor = Colors.Black,
            LineWidth = 1,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Title($"{location}: {parameter}");
        plot.YLabel("Density");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}
