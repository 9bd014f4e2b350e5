using System.Globalization;
using Epy.Contracts.Outputs;
using ScottPlot;

namespace Epy.Stages.Outputs;

/// <summary>
/// Draws a <see cref="FanChartData"/> as a PNG with ScottPlot (SkiaSharp, headless): the 90% and 50%
/// bands, the median line and the observations as points, the fitted weeks shaded and the reference date as a
/// dashed line, dates along the bottom.
/// </summary>
public static class FanChartPng
{
    /// <summary>The image width in pixels.</summary>
    public const int Width = 1000;

    /// <summary>The image height in pixels.</summary>
    public const int Height = 560;

    private static readonly Color Projection = Color.FromHex("#1f77b4");
    private static readonly Color ObservedColor = Color.FromHex("#222222");
    private static readonly Color ReferenceColor = Color.FromHex("#b45309");

    /// <summary>The PNG's bytes.</summary>
    public static byte[] Render(FanChartData chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var plot = new Plot();
        var weeks = chart.Weeks.Select(Day).ToArray();

        // The weeks the calibration fitted, shaded, and the reference date as a dashed line (drawn first: behind the data).
        if (chart.FittedThrough is { } fitted && weeks.Length > 0)
        {
            var start = Math.Min(weeks[0], chart.Observed.Count > 0 ? Day(chart.Observed[0].Date) : weeks[0]);
            var span = plot.Add.HorizontalSpan(start, Day(fitted));
            span.FillStyle.Color = Colors.Gray.WithAlpha(0.12);
            span.LineStyle.Width = 0;
            span.LegendText = "fitted weeks";
        }
        if (chart.ReferenceDate is { } reference)
        {
            var line = plot.Add.VerticalLine(Day(reference));
            line.Color = ReferenceColor;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1.5f;
            line.LegendText = $"reference date {reference:yyyy-MM-dd}";
        }

        var outer = plot.Add.FillY(weeks, [.. chart.Lower90], [.. chart.Upper90]);
        outer.FillColor = Projection.WithAlpha(0.18);
        outer.LineWidth = 0;
        outer.LegendText = "90% interval";
        var inner = plot.Add.FillY(weeks, [.. chart.Lower50], [.. chart.Upper50]);
        inner.FillColor = Projection.WithAlpha(0.38);
        inner.LineWidth = 0;
        inner.LegendText = "50% interval";
        var median = plot.Add.ScatterLine(weeks, [.. chart.Median]);
        median.Color = Projection;
        median.LineWidth = 2;
        median.LegendText = "median";
        if (chart.Observed.Count > 0)
        {
            var observed = plot.Add.ScatterPoints(chart.Observed.Select(p => Day(p.Date)).ToArray(), chart.Observed.Select(p => p.Value).ToArray());
            observed.Color = ObservedColor;
            observed.MarkerSize = 6;
            observed.LegendText = "observed";
        }

        PlotFonts.Apply(plot);
        var dates = plot.Axes.DateTimeTicksBottom();
        dates.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        // Room for the last date label, which centres on its tick and overhangs the data area.
        plot.Axes.Right.MinimumSize = 40;
        plot.Title(chart.Title);
        plot.YLabel(chart.ValueLabel);
        plot.XLabel("week ending");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static double Day(DateOnly date) => date.ToDateTime(TimeOnly.MinValue).ToOADate();
}
