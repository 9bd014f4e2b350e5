namespace Epy.Contracts.Outputs;

/// <summary>
/// The data behind the output stage's fan charts, one entry per location, as <c>outputs/fan_charts.json</c>
/// (JSON, snake_case; dates <c>yyyy-MM-dd</c>): written by Stage C beside the PNG charts, drawn by the
/// orchestrator's dashboard.
/// </summary>
/// <param name="Charts">One chart per location with a projection, in output order.</param>
public sealed record FanChartsFile(IReadOnlyList<FanChartData> Charts)
{
    /// <summary>The file's name under the run's <c>outputs/</c>.</summary>
    public const string FileName = "fan_charts.json";
}
