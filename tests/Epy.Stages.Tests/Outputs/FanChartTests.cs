using System.Buffers.Binary;
using Epy.Contracts.Outputs;
using Epy.Stages.Outputs;
using SkiaSharp;

namespace Epy.Stages.Tests.Outputs;

public sealed class FanChartTests
{
    private static readonly DateOnly FirstWeek = new(2024, 10, 5);

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>21 trajectories, trajectory t holding t·(w + 1) in week w.</summary>
    private static FanChartData Chart(IEnumerable<ObservedPoint>? observed = null)
    {
        var weeks = Enumerable.Range(0, 8).Select(w => FirstWeek.AddDays(7 * w)).ToArray();
        var trajectories = Enumerable.Range(0, 21).Select(t => weeks.Select((_, w) => (double)t * (w + 1)).ToArray()).ToArray();
        return FanCharts.Build("US-MA", "Massachusetts (US-MA)", "weekly hospitalizations", weeks, trajectories,
            observed ?? [new(FirstWeek.AddDays(7), 12), new(FirstWeek, 3)]);
    }

    [Fact]
    public void Build_BandsAreTheWeeklyQuantiles()
    {
        var chart = Chart();

        // Of 0·k … 20·k, numpy's linear quantiles 0.05, 0.25, 0.5, 0.75, 0.95 are 1·k, 5·k, 10·k, 15·k, 19·k.
        chart.Lower90.ShouldBe([.. Enumerable.Range(1, 8).Select(k => 1.0 * k)]);
        chart.Lower50.ShouldBe([.. Enumerable.Range(1, 8).Select(k => 5.0 * k)]);
        chart.Median.ShouldBe([.. Enumerable.Range(1, 8).Select(k => 10.0 * k)]);
        chart.Upper50.ShouldBe([.. Enumerable.Range(1, 8).Select(k => 15.0 * k)]);
        chart.Upper90.ShouldBe([.. Enumerable.Range(1, 8).Select(k => 19.0 * k)]);
    }

    [Fact]
    public void Build_OrdersTheObservationsByDate()
    {
        Chart().Observed.Select(p => p.Date).ShouldBe([FirstWeek, FirstWeek.AddDays(7)]);
    }

    [Fact]
    public void Build_NoTrajectory_Throws()
    {
        Should.Throw<ArgumentException>(() => FanCharts.Build("US-MA", "t", "v", [FirstWeek], [], []));
    }

    [Fact]
    public void Build_TrajectoryOffTheWeeklyGrid_Throws()
    {
        Should.Throw<ArgumentException>(() => FanCharts.Build("US-MA", "t", "v", [FirstWeek, FirstWeek.AddDays(7)], [[1.0]], []));
    }

    [Fact]
    public void Render_WritesAPngOfTheDocumentedSize()
    {
        var png = FanChartPng.Render(Chart());

        AssertPng(png);
    }

    [Fact]
    public void Render_WithoutObservations_StillDraws()
    {
        AssertPng(FanChartPng.Render(Chart(observed: [])));
    }

    /// <summary>
    /// The PNG signature, an IHDR of <see cref="FanChartPng.Width"/> × <see cref="FanChartPng.Height"/>,
    /// an image that decodes, and bands drawn on it: a blank plot with axes, grid and title is
    /// white and grey, with no bluish pixel.
    /// </summary>
    internal static void AssertPng(byte[] png)
    {
        png.Take(8).ShouldBe(PngSignature);
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).ShouldBe(FanChartPng.Width);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).ShouldBe(FanChartPng.Height);
        using var bitmap = SKBitmap.Decode(png);
        bitmap.ShouldNotBeNull();
        var bluish = bitmap.Pixels.Count(p => p.Blue > p.Red + 40);
        bluish.ShouldBeGreaterThan(FanChartPng.Width * FanChartPng.Height / 50);
    }
}
