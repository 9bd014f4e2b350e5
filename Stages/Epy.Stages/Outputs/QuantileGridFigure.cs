using System.Globalization;
using Epy.Stages.Configs;
using ScottPlot;

namespace Epy.Stages.Outputs;

/// <summary>
/// epymodelingsuite's quantile grids (<c>quantiles_grid_filtered</c>, <c>_full</c>,
/// <c>_side_by_side</c>): per location, ribbons between symmetric quantile levels of the projection
/// (the outermost palest) and the median line, the surveillance points, the reference date and the
/// fitting window as vertical lines.
/// </summary>
public static class QuantileGridFigure
{
    /// <summary>The file stem of a variant: <c>quantiles_grid_filtered</c>.</summary>
    public static string Stem(QuantilePlotKind kind) => kind switch
    {
        QuantilePlotKind.Full => "quantiles_grid_full",
        QuantilePlotKind.SideBySide => "quantiles_grid_side_by_side",
        _ => "quantiles_grid_filtered",
    };

    /// <summary>The grid of <paramref name="variant"/> over <paramref name="panels"/> (sorted by location).</summary>
    public static Figure Build(IReadOnlyList<QuantilePanel> panels, QuantilePlotOutputConfig variant, QuantilesPlotConfig config, DateOnly referenceDate)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(config);
        var horizon = variant.HorizonMax ?? config.HorizonMax;
        DateOnly? last = horizon is { } h ? referenceDate.AddDays(7 * h) : null;
        var plots = new List<Plot?>();
        foreach (var panel in panels.OrderBy(p => p.Location, StringComparer.Ordinal))
        {
            if (variant.Kind == QuantilePlotKind.SideBySide)
            {
                plots.Add(Panel(panel, full: true, Window(variant.FullPanel, variant), variant, config, referenceDate, last));
                plots.Add(Panel(panel, full: false, Window(variant.FilteredPanel, variant), variant, config, referenceDate, last));
            }
            else
            {
                plots.Add(Panel(panel, variant.Kind == QuantilePlotKind.Full, (variant.SurveillancePoints, variant.SurveillanceStartDate), variant, config, referenceDate, last));
            }
        }
        // As matplotlib's subplots for fewer panels than a row holds: no empty columns.
        return new Figure(plots, Math.Max(1, Math.Min(config.PanelsPerRow, plots.Count)), 400, 360, config.SupTitle);
    }

    /// <summary>A side-by-side panel's window: its own when it sets either field, else the variant's.</summary>
    private static (int? Points, DateOnly? Start) Window(SideBySidePanelConfig? panel, QuantilePlotOutputConfig variant) =>
        panel is { } p && (p.SurveillancePoints is not null || p.SurveillanceStartDate is not null)
            ? (p.SurveillancePoints, p.SurveillanceStartDate)
            : (variant.SurveillancePoints, variant.SurveillanceStartDate);

    /// <summary>
    /// The surveillance shown: from <paramref name="start"/> when set; else the last
    /// <paramref name="points"/> on or before the reference date and all after; else all (full) or
    /// from the first projected week (filtered).
    /// </summary>
    public static List<(DateOnly Date, double Value)> Surveillance(IReadOnlyList<(DateOnly Date, double Value)> observed, bool full, int? points, DateOnly? start,
        DateOnly referenceDate, DateOnly firstWeek)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (start is { } from)
            return [.. observed.Where(o => o.Date >= from)];
        if (points is { } n)
        {
            var before = observed.Where(o => o.Date <= referenceDate).ToList();
            return [.. before.Skip(Math.Max(0, before.Count - n)), .. observed.Where(o => o.Date > referenceDate)];
        }
        return full ? [.. observed] : [.. observed.Where(o => o.Date >= firstWeek)];
    }

    private static Plot Panel(QuantilePanel panel, bool full, (int? Points, DateOnly? Start) window, QuantilePlotOutputConfig variant, QuantilesPlotConfig config,
        DateOnly referenceDate, DateOnly? last)
    {
        var plot = new Plot();
        PlotFonts.Apply(plot);
        var color = PlotFonts.Color(config.ProjectionColor, 0xff7f0e);
        var firstWeek = panel.Weeks.Count > 0 ? panel.Weeks[0] : referenceDate;
        var surveillance = variant.ShowSurveillance ? Surveillance(panel.Surveillance, full, window.Points, window.Start, referenceDate, firstWeek) : [];
        var from = !full && surveillance.Count > 0 && surveillance[0].Date > firstWeek ? surveillance[0].Date : firstWeek;
        var weeks = Enumerable.Range(0, panel.Weeks.Count).Where(w => panel.Weeks[w] >= from && (last is null || panel.Weeks[w] <= last)).ToArray();

        if (variant.ShowProjection && weeks.Length > 0 && panel.Trajectories.Count > 0)
        {
            var levels = config.Levels.Order().ToArray();
            var xs = weeks.Select(w => Day(panel.Weeks[w])).ToArray();
            var quantiles = weeks.Select(w => Quantiles.Of(panel.Trajectories.Select(t => t[w]).ToArray(), levels)).ToArray();
            for (var k = 0; k < levels.Length / 2; k++)
            {
                var (lo, hi) = (k, levels.Length - 1 - k);
                var ribbon = plot.Add.FillY(xs, [.. quantiles.Select(q => q[lo])], [.. quantiles.Select(q => q[hi])]);
                ribbon.FillColor = color.WithAlpha(0.15 + 0.2 * k);
                ribbon.LineWidth = 0;
                ribbon.LegendText = $"{levels[lo]:0.###}–{levels[hi]:0.###}";
            }
            var median = Array.IndexOf(levels, 0.5);
            if (median >= 0)
            {
                var line = plot.Add.ScatterLine(xs, [.. quantiles.Select(q => q[median])]);
                line.Color = color;
                line.LineWidth = 2;
                line.LegendText = "median";
            }
        }
        if (surveillance.Count > 0)
        {
            var points = plot.Add.ScatterPoints(surveillance.Select(o => Day(o.Date)).ToArray(), surveillance.Select(o => o.Value).ToArray());
            points.Color = Colors.Black;
            points.MarkerSize = 5;
            points.LegendText = "surveillance";
        }
        // The panel spans what it shows; a fitting-window bound outside it is left out rather than widening it.
        var shown = weeks.Select(w => panel.Weeks[w]).Concat(surveillance.Select(o => o.Date)).Append(referenceDate).ToList();
        var (left, right) = (Day(shown.Min()) - 3, Day(shown.Max()) + 3);
        var reference = plot.Add.VerticalLine(Day(referenceDate));
        reference.Color = Colors.Gray;
        reference.LinePattern = LinePattern.Dashed;
        if (variant.ShowFittingWindowLine && panel.FittingWindow is { } fit)
        {
            foreach (var bound in new[] { fit.Start, fit.End }.Where(b => Day(b) >= left && Day(b) <= right))
            {
                var line = plot.Add.VerticalLine(Day(bound));
                line.Color = Colors.Gray;
                line.LinePattern = LinePattern.Dotted;
            }
        }
        var dates = plot.Axes.DateTimeTicksBottom();
        dates.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(left, right);
        plot.Axes.Right.MinimumSize = 30; // room for the last date label
        plot.Title(full || variant.Kind != QuantilePlotKind.SideBySide ? panel.Location : $"{panel.Location} (filtered)");
        if (config.YLabel is { } label)
            plot.YLabel(label);
        plot.Axes.Margins(bottom: 0);
        plot.Legend.Alignment = Alignment.UpperLeft;
        return plot;
    }

    private static double Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();
}
