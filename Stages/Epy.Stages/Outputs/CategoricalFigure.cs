using ScottPlot;

namespace Epy.Stages.Outputs;

/// <summary>
/// epymodelingsuite's categorical plot: one panel per horizon, stacked above one another, each a
/// stacked bar per location of the rate-trend category probabilities (the hub's <c>pmf</c> rows).
/// </summary>
public static class CategoricalFigure
{
    /// <summary>The figure; null when the hub rows have no rate-trend probabilities.</summary>
    public static Figure? Build(IReadOnlyList<HubRow> rows, IReadOnlyList<string> categories, IReadOnlyList<string> colors, IReadOnlyList<int> horizons)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(colors);
        ArgumentNullException.ThrowIfNull(horizons);
        var pmf = rows.Where(r => r.OutputType == HubFormat.Pmf && r.Target == HubFormat.RateChangeTarget).ToList();
        if (pmf.Count == 0)
            return null;
        var locations = pmf.Select(r => r.Location).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var panels = new List<Plot?>();
        foreach (var horizon in horizons)
        {
            var plot = new Plot();
            PlotFonts.Apply(plot);
            var bars = new List<Bar>();
            for (var l = 0; l < locations.Count; l++)
            {
                var bottom = 0.0;
                for (var c = 0; c < categories.Count; c++)
                {
                    var p = pmf.Where(r => r.Horizon == horizon && r.Location == locations[l] && r.OutputTypeId == categories[c]).Sum(r => r.Value);
                    bars.Add(new Bar { Position = l, ValueBase = bottom, Value = bottom + p, FillColor = PlotFonts.Color(colors[c]), LineWidth = 0 });
                    bottom += p;
                }
            }
            plot.Add.Bars(bars);
            for (var c = 0; c < categories.Count; c++)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = categories[c], FillColor = PlotFonts.Color(colors[c]) });
            plot.ShowLegend(Alignment.UpperRight);
            plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, locations.Count).Select(i => (double)i)], [.. locations]);
            plot.Axes.SetLimitsY(0, 1);
            plot.Title($"horizon {horizon}");
            plot.YLabel("Probability");
            panels.Add(plot);
        }
        return new Figure(panels, 1, 1000, 450, null);
    }
}
