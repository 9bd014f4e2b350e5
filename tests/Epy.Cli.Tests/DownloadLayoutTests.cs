using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary><see cref="DownloadLayout"/>: where <c>download</c> puts a file, for each <c>--name-format</c> and <c>--nest-runs</c>.</summary>
public sealed class DownloadLayoutTests
{
    private const string Run = "20261124-060000-0000bbbb";

    [Theory]
    [InlineData(null, false, "d/covid/weekly/" + Run + "/outputs/plots/fan.png")]
    [InlineData("path", false, "d/covid/weekly/" + Run + "/outputs/plots/fan.png")]
    [InlineData("long", false, "d/covid/weekly/covid_weekly_" + Run + "_outputs_plots_fan.png")]
    [InlineData("long", true, "d/covid/weekly/" + Run + "/covid_weekly_" + Run + "_outputs_plots_fan.png")]
    [InlineData(null, true, "d/covid/weekly/" + Run + "/covid_weekly_" + Run + "_outputs_plots_fan.png")]
    [InlineData("short", false, "d/covid/weekly/fan.png")]
    [InlineData("short", true, "d/covid/weekly/" + Run + "/fan.png")]
    public void LocalPath_FollowsTheFormat(string? format, bool nestRuns, string expected)
    {
        var layout = DownloadLayout.From(format, nestRuns);

        layout.LocalPath("d", "covid/weekly", Run, "outputs/plots/fan.png").ShouldBe(expected);
    }

    [Fact]
    public void From_PathWithNestRuns_IsAUsageError()
    {
        var failure = Should.Throw<CliException>(() => DownloadLayout.From("path", nestRuns: true));

        failure.ExitCode.ShouldBe(ExitCodes.ConfigurationError);
    }
}
