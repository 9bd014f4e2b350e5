using Epy.Contracts.Outputs;

namespace Epy.Orchestrator.Dashboard;

/// <summary>What the run page can draw: the charts' data, or PNG charts to show as images, and a note when neither.</summary>
/// <param name="Charts">The fan charts' data (from <c>outputs/fan_charts.json</c>).</param>
/// <param name="Images">PNG chart file names under <c>outputs/</c>, shown when there is no data.</param>
/// <param name="Note">Why there is nothing to draw, or what went wrong reading it.</param>
public sealed record ChartSet(IReadOnlyList<FanChartData> Charts, IReadOnlyList<string> Images, string? Note)
{
    /// <summary>Nothing to draw, for <paramref name="why"/>.</summary>
    public static ChartSet None(string why) => new([], [], why);
}
