using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using Epy.Contracts.Outputs;
using Epy.Orchestrator.Dashboard;

namespace Epy.Orchestrator.Tests.Dashboard;

public sealed partial class FanChartSvgTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static FanChartData Example() =>
        JsonSerializer.Deserialize<FanChartsFile>(File.ReadAllText(ExampleOutputs.ChartsFile), Json)!.Charts[0];

    [Fact]
    public void Render_ExampleChart_IsWellFormedSvg_WithBothBandsTheMedianAndADotPerObservedWeek()
    {
        var chart = Example();

        var svg = XElement.Parse(FanChartSvg.Render(chart, "c1"));

        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.Name.ShouldBe(ns + "svg");
        svg.Attribute("role")!.Value.ShouldBe("img");
        var paths = svg.Descendants(ns + "path").ToList();
        paths.Select(p => p.Attribute("class")!.Value).ShouldBe(["band90", "band50", "median"]);
        // A band goes along the upper edge and back along the lower one: two points a week.
        PointCount(paths[0]).ShouldBe(2 * chart.Weeks.Count);
        PointCount(paths[2]).ShouldBe(chart.Weeks.Count);
        svg.Descendants(ns + "g").Single(g => g.Attribute("class")?.Value == "observed").Elements(ns + "circle").Count().ShouldBe(chart.Observed.Count);
        svg.Element(ns + "title")!.Value.ShouldContain("Massachusetts (US-MA)");
        svg.Element(ns + "desc")!.Value.ShouldContain("observed weeks");
    }

    [Fact]
    public void Render_WithReferenceDateAndFittedWeeks_ShadesTheFittedWeeks_AndDrawsTheReferenceLine()
    {
        var chart = Example();
        var reference = chart.Weeks[chart.Weeks.Count / 2];
        var marked = chart with { ReferenceDate = reference, FittedThrough = reference.AddDays(-7) };

        var svg = XElement.Parse(FanChartSvg.Render(marked, "c1"));
        var plain = XElement.Parse(FanChartSvg.Render(chart, "c1"));

        XNamespace ns = "http://www.w3.org/2000/svg";
        var fitted = svg.Descendants(ns + "rect").Single(r => r.Attribute("class")?.Value == "fitted");
        var line = svg.Descendants(ns + "line").Single(l => l.Attribute("class")?.Value == "reference");
        double.Parse(line.Attribute("x1")!.Value, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(double.Parse(fitted.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture) + double.Parse(fitted.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture),
                "the forecast starts after the last fitted week");
        svg.Descendants(ns + "text").Select(t => t.Value).ShouldContain(t => t.StartsWith("reference date", StringComparison.Ordinal));
        svg.Element(ns + "desc")!.Value.ShouldContain($"Reference date {reference:yyyy-MM-dd}");
        svg.Element(ns + "desc")!.Value.ShouldContain($"Fitted to observations through {reference.AddDays(-7):yyyy-MM-dd}");
        plain.Descendants(ns + "line").ShouldNotContain(l => l.Attribute("class")!.Value == "reference", "no markers without the dates");
    }

    [Fact]
    public void Render_PointsStayInsideTheDrawing_AndTheMedianLiesWithinThe90Band()
    {
        var chart = Example();

        var svg = FanChartSvg.Render(chart, "c1");

        foreach (Match number in Coordinates().Matches(svg))
        {
            var x = double.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var y = double.Parse(number.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            x.ShouldBeInRange(0, FanChartSvg.Width);
            y.ShouldBeInRange(0, FanChartSvg.Height);
        }
        chart.Lower90.Zip(chart.Median, chart.Upper90).ShouldAllBe(t => t.First <= t.Second && t.Second <= t.Third);
    }

    [Fact]
    public void Render_EscapesTextFromTheFile()
    {
        var chart = Example() with { Title = "<script>alert(1)</script>", ValueLabel = "a & b" };

        var svg = FanChartSvg.Render(chart, "c1");

        svg.ShouldNotContain("<script>");
        svg.ShouldContain("&lt;script&gt;");
        XElement.Parse(svg).ShouldNotBeNull();
    }

    [Fact]
    public void Render_ChartWithoutWeeksOrObservations_SaysSo()
    {
        var empty = Example() with { Weeks = [], Median = [], Lower50 = [], Upper50 = [], Lower90 = [], Upper90 = [], Observed = [] };

        FanChartSvg.Render(empty, "c1").ShouldContain("no weeks to draw");
    }

    [Fact]
    public void ValueTicks_StartAtZero_CoverTheTop_InFourToEightRoundSteps()
    {
        Gen.Double[1e-3, 1e7].Sample(top =>
        {
            var ticks = FanChartSvg.ValueTicks(top);
            ticks[0].ShouldBe(0);
            ticks[^1].ShouldBeGreaterThanOrEqualTo(top * (1 - 1e-9));
            (ticks.Count - 1).ShouldBeInRange(3, 10);
            var step = ticks[1];
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
            new[] { 1.0, 2.0, 5.0, 10.0 }.ShouldContain(m => Math.Abs(m - mantissa) < 1e-6);
        });
    }

    private static int PointCount(XElement path) => path.Attribute("d")!.Value.Count(c => c is 'M' or 'L');

    [GeneratedRegex(@"[ML]([-\d.]+),([-\d.]+)")]
    private static partial Regex Coordinates();
}
