using Epy.Contracts.Runs;
using Epy.Orchestrator.Api;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Dashboard;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Dashboard;

public sealed class RequestGuardsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("builder-artifacts/manifest.json")]
    [InlineData("config/modelset.yml")]
    [InlineData("runner-artifacts/result_00042.json.gz")]
    public void RunFilePath_TheDashboardsFiles_AreValid(string path) => RunFilePath.IsValid(path).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("../other-run/config/x.yml")]
    [InlineData("config/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("config//x.yml")]
    [InlineData("config\\x.yml")]
    [InlineData("a/b/c/d")]
    [InlineData("config/.hidden")]
    public void RunFilePath_AnythingThatCouldLeaveTheRunsFolder_IsRefused(string path) => RunFilePath.IsValid(path).ShouldBeFalse();

    [Theory]
    [InlineData("fan_charts.json")]
    [InlineData("fan_chart_US-MA.png")]
    [InlineData("output_hub_formatted.csv.gz")]
    public void OutputFileName_OutputNames_AreValid(string name) => OutputFileName.IsValid(name).ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("../run_record.json")]
    [InlineData("..%2Fx")]
    [InlineData("a/b.csv")]
    [InlineData("a\\b.csv")]
    [InlineData(".x.csv.gz.tmp")]
    [InlineData("/etc/passwd")]
    [InlineData("x y.csv")]
    public void OutputFileName_PathsAndHiddenFiles_AreRefused(string name)
    {
        OutputFileName.IsValid(name).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => OutputFileName.Check(name));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("same-origin", null, false)]
    [InlineData("none", null, false)]
    [InlineData("cross-site", null, true)]
    [InlineData("same-site", null, true)]
    [InlineData(null, "http://127.0.0.1:8765", false)]
    [InlineData(null, "http://evil.example", true)]
    [InlineData(null, "null", true)]
    public void IsCrossSite_JudgesByFetchMetadataThenOrigin(string? fetchSite, string? origin, bool crossSite) =>
        CrossSiteRequestFilter.IsCrossSite(fetchSite, origin, "127.0.0.1:8765").ShouldBe(crossSite);

    [Fact]
    public void TaskLogLinks_Locally_PointAtTheLogRoute_InTheCloud_AtALogsExplorerQueryForTheRunAndTask()
    {
        LocalMode().TaskLogHref("20261124-101500-a1b2c3d4", "stage-b-20261124-101500-a1b2c3d4-2", 7)
            .ShouldBe("/runs/20261124-101500-a1b2c3d4/logs/stage-b-20261124-101500-a1b2c3d4-2/7");

        var cloud = new Uri(new CloudDashboardMode("my-proj").TaskLogHref("20261124-101500-a1b2c3d4", "stage-b-20261124-101500-a1b2c3d4-2", 7));

        cloud.Host.ShouldBe("console.cloud.google.com");
        var query = Uri.UnescapeDataString(cloud.AbsolutePath);
        query.ShouldContain("logName=\"projects/my-proj/logs/batch_task_logs\"");
        query.ShouldContain("jsonPayload.run_id=\"20261124-101500-a1b2c3d4\"");
        query.ShouldContain("jsonPayload.task_index=7");
        cloud.Query.ShouldBe("?project=my-proj");
    }

    [Fact]
    public void TaskLogFiles_Locally_AreTheLogFilesOfTheTasks_InTheCloud_None()
    {
        var run = RunId.Parse("20261124-101500-a1b2c3d4");
        JobId.TryParse("stage-b-20261124-101500-a1b2c3d4-2", out var job).ShouldBeTrue();

        LocalMode().TaskLogFile(run, job!, 7)
            .ShouldBe(LocalModeOptions.TaskLogPath("/state/logs", run.Value, job!.Value, 7));
        new CloudDashboardMode("my-proj").TaskLogFile(run, job!, 7).ShouldBeNull();
    }

    public void Dispose() => _folder.Dispose();

    private LocalDashboardMode LocalMode() =>
        new(LocalOptions("/state/logs"), new LocalJobTable(new LocalDatabase(_folder.Combine("orchestrator.db")), TimeProvider.System));

    private static LocalModeOptions LocalOptions(string logsRoot) => new()
    {
        DatabasePath = "/state/orchestrator.db",
        BucketRoot = "/state/bucket",
        LogsRoot = logsRoot,
        ForecastRepoDir = "/repo",
        StageCommand = ["true"],
    };
}
