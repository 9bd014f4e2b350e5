using Epy.Contracts.Api;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Dashboard;

namespace Epy.Orchestrator.Tests.Dashboard;

/// <summary>The run page says why the run's job waits in Batch's queue.</summary>
public sealed class WaitReasonPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RunPage_JobWaitingInTheQueue_ShowsWhy_Escaped()
    {
        var html = RunPage.Content(Run("Quota <CPUS> exceeded in us-central1"), Now, ChartSet.None("none"), new CloudDashboardMode("p"));

        html.ShouldContain("Waiting in the queue:</strong> Quota &lt;CPUS&gt; exceeded in us-central1");
    }

    [Fact]
    public void RunPage_NoWaitReason_ShowsNone()
    {
        var html = RunPage.Content(Run(null), Now, ChartSet.None("none"), new CloudDashboardMode("p"));

        html.ShouldNotContain("Waiting in the queue");
    }

    private static RunView Run(string? waitReason) => new(
        "20261207-080000-0000000a", "flu-example", "BUILDING_INPUTS", Now.AddMinutes(-5), Now, null, 0, null, "api",
        new Dictionary<string, string>(),
        [new JobView("stage-a-20261207-080000-0000000a-1", "builder", 1, "QUEUED", 1, 1, 0, 0, 0, Now.AddMinutes(-5), null, null, waitReason)],
        [], 0, 0, "flu-example/20261207-080000-0000000a/", null, [])
    {
        WaitReason = waitReason,
    };
}
