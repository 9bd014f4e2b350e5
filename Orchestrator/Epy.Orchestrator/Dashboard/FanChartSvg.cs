using System.Globalization;
using System.Text;
using Epy.Contracts.Outputs;
using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>
/// Draws a <see cref="FanChartData"/> as inline SVG (pure): the 90% band, the 50% band and the median
/// of the projection, the observed weeks as dots, the fitted weeks shaded and the reference date as a
/// dashed line, value and date axes, a legend, and a title and a description for screen readers.
/// </summary>
public static class FanChartSvg
{
    /// <summary>The drawing's size in SVG units (it scales to its container).</summary>
    public const double Width = 640, Height = 300;

    private const double Left = 60, Right = 12, Top = 30, Bottom = 36;

    private static readonly double[] StepFactors = [1, 2, 5, 10];

    /// <summary>The chart's SVG element; <paramref name="id"/> makes its title and description ids unique in the page.</summary>
    public static string Render(FanChartData chart, string id)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var days = chart.Weeks.Concat(chart.Observed.Select(p => p.Date)).ToList();
        if (days.Count == 0)
            return $"<p>{E(chart.Title)}: no weeks to draw.</p>";
        var first = days.Min();
        var last = days.Max();
        var top = Math.Max(1, chart.Upper90.Concat(chart.Median).Concat(chart.Observed.Select(p => p.Value)).Where(double.IsFinite).DefaultIfEmpty(1).Max());
        var ticks = ValueTicks(top);
        var yMax = ticks[^1];
        var span = Math.Max(1, last.DayNumber - first.DayNumber);
        double X(DateOnly d) => Left + (d.DayNumber - first.DayNumber) * (Width - Left - Right) / span;
        double Y(double v) => Top + (1 - (double.IsFinite(v) ? Math.Max(0, v) : 0) / yMax) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"fan-chart\" viewBox=\"0 0 {N(Width)} {N(Height)}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{E(chart.Title)}: {E(chart.ValueLabel)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{E(Describe(chart))}</desc>");

        svg.Append("<g class=\"axis\">");
        foreach (var tick in ticks)
        {
            var y = Y(tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(y)}\" y2=\"{N(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{E(tick.ToString("#,0.##", CultureInfo.InvariantCulture))}</text>");
        }
        var dates = days.Distinct().Order().ToList();
        var every = Math.Max(1, (int)Math.Ceiling(dates.Count / 7.0));
        for (var i = 0; i < dates.Count; i += every)
        {
            var x = X(dates[i]);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"tick\" x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{N(Height - Bottom)}\" y2=\"{N(Height - Bottom + 4)}\"/>");
            // A label at the right edge ends there rather than being cut off.
            var anchor = x > Width - Right - 24 ? "end" : "middle";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(Height - Bottom + 17)}\" text-anchor=\"{anchor}\">{E(dates[i].ToString("MMM d", CultureInfo.InvariantCulture))}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(Left + (Width - Left - Right) / 2)}\" y=\"{N(Height - 4)}\" text-anchor=\"middle\">week ending ({E(Years(first, last))})</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"baseline\" x1=\"{N(Left)}\" x2=\"{N(Width - Right)}\" y1=\"{N(Y(0))}\" y2=\"{N(Y(0))}\"/>");
        svg.Append("</g>");

        // The weeks the calibration fitted, shaded and labelled, and the reference date as a dashed line:
        // what the model saw and where its forecast starts.
        if (chart.FittedThrough is { } fitted && fitted >= first)
        {
            var end = X(fitted < last ? fitted : last);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"fitted\" x=\"{N(Left)}\" y=\"{N(Top)}\" width=\"{N(Math.Max(0, end - Left))}\" height=\"{N(Height - Top - Bottom)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"marker\" x=\"{N(Math.Max(Left + 4, end - 4))}\" y=\"{N(Top + 14)}\" text-anchor=\"end\">fitted</text>");
        }
        if (chart.ReferenceDate is { } reference && reference >= first && reference <= last)
        {
            var x = X(reference);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"reference\" x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{N(Top)}\" y2=\"{N(Height - Bottom)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"marker\" x=\"{N(x + 4)}\" y=\"{N(Top + 28)}\">reference date {reference:MMM d}</text>");
        }

        if (chart.Weeks.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"band90\" d=\"{Band(chart.Weeks, chart.Lower90, chart.Upper90, X, Y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"band50\" d=\"{Band(chart.Weeks, chart.Lower50, chart.Upper50, X, Y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"median\" d=\"{Line(chart.Weeks, chart.Median, X, Y)}\"/>");
        }
        svg.Append("<g class=\"observed\">");
        foreach (var point in chart.Observed)
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(point.Date))}\" cy=\"{N(Y(point.Value))}\" r=\"2.6\"/>");
        svg.Append("</g>");

        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"legend\" transform=\"translate({N(Left)} 8)\">");
        svg.Append("<rect class=\"band90\" x=\"0\" y=\"2\" width=\"14\" height=\"10\"/><text x=\"18\" y=\"11\">90% interval</text>");
        svg.Append("<rect class=\"band50\" x=\"110\" y=\"2\" width=\"14\" height=\"10\"/><text x=\"128\" y=\"11\">50% interval</text>");
        svg.Append("<line class=\"median\" x1=\"220\" x2=\"234\" y1=\"7\" y2=\"7\"/><text x=\"238\" y=\"11\">median</text>");
        svg.Append("<circle class=\"observed\" cx=\"300\" cy=\"7\" r=\"3\"/><text x=\"308\" y=\"11\">observed</text>");
        svg.Append("</g></svg>");
        return svg.ToString();
    }

    /// <summary>Round tick values from 0 up to at least <paramref name="top"/>: 4 to 8 steps of 1, 2 or 5 × 10^k.</summary>
    public static IReadOnlyList<double> ValueTicks(double top)
    {
        top = Math.Max(top, 1e-9);
        var raw = top / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = StepFactors.Select(f => f * magnitude).First(s => s >= raw);
        var count = (int)Math.Ceiling(top / step - 1e-9);
        return [.. Enumerable.Range(0, count + 1).Select(i => i * step)];
    }

    private static string Describe(FanChartData chart)
    {
        var text = new StringBuilder();
        if (chart.Weeks.Count > 0)
        {
            var peak = Enumerable.Range(0, chart.Median.Count).MaxBy(i => chart.Median[i]);
            text.Append(CultureInfo.InvariantCulture,
                $"Projected {chart.ValueLabel} for {chart.Weeks.Count} weeks from {chart.Weeks[0]:yyyy-MM-dd} to {chart.Weeks[^1]:yyyy-MM-dd}: median peak {chart.Median[peak]:#,0.#} in the week ending {chart.Weeks[peak]:yyyy-MM-dd} (90% interval {chart.Lower90[peak]:#,0.#} to {chart.Upper90[peak]:#,0.#}). ");
        }
        if (chart.FittedThrough is { } fitted)
            text.Append(CultureInfo.InvariantCulture, $"Fitted to observations through {fitted:yyyy-MM-dd}. ");
        if (chart.ReferenceDate is { } reference)
            text.Append(CultureInfo.InvariantCulture, $"Reference date {reference:yyyy-MM-dd}. ");
        text.Append(chart.Observed.Count == 0
            ? "No observed data."
            : string.Create(CultureInfo.InvariantCulture, $"{chart.Observed.Count} observed weeks from {chart.Observed[0].Date:yyyy-MM-dd} to {chart.Observed[^1].Date:yyyy-MM-dd}, at most {chart.Observed.Max(p => p.Value):#,0.#}."));
        return text.ToString();
    }

    private static string Years(DateOnly first, DateOnly last) =>
        first.Year == last.Year ? first.Year.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{first.Year}–{last.Year}");

    private static string Line(IReadOnlyList<DateOnly> weeks, IReadOnlyList<double> values, Func<DateOnly, double> x, Func<double, double> y)
    {
        var d = new StringBuilder();
        for (var i = 0; i < weeks.Count && i < values.Count; i++)
            d.Append(i == 0 ? "M" : " L").Append(N(x(weeks[i]))).Append(',').Append(N(y(values[i])));
        return d.ToString();
    }

    private static string Band(IReadOnlyList<DateOnly> weeks, IReadOnlyList<double> lower, IReadOnlyList<double> upper, Func<DateOnly, double> x, Func<double, double> y)
    {
        var n = Math.Min(weeks.Count, Math.Min(lower.Count, upper.Count));
        var d = new StringBuilder(Line(weeks.Take(n).ToList(), upper, x, y));
        for (var i = n - 1; i >= 0; i--)
            d.Append(" L").Append(N(x(weeks[i]))).Append(',').Append(N(y(lower[i])));
        return d.Append(" Z").ToString();
    }
}
