using Epy.Cli;
using Epy.Contracts.Api;

namespace Epy.Cli.Tests;

/// <summary>How <c>epycloud status</c> and <c>runs show</c> say why a run's job waits in Batch's queue.</summary>
public sealed class RunTableWaitReasonTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void List_WaitingRun_NotesWhyItWaits()
    {
        using var output = new StringWriter();

        RunTable.List(output, [Run("no Spot capacity")], Now);

        output.ToString().Split('\n')[1].TrimEnd().ShouldEndWith("waiting: no Spot capacity");
    }

    [Fact]
    public void Show_WaitingRun_HasAWaitingLine()
    {
        using var output = new StringWriter();

        RunTable.Show(output, Run("Quota CPUS exceeded"));

        output.ToString().ShouldContain("waiting: Quota CPUS exceeded");
    }

    private static RunView Run(string waitReason) => new(
        "20261207-080000-0000000a", "flu-example", "RUNNING_TASKS", Now.AddMinutes(-5), Now, null, 4, null, "api",
        new Dictionary<string, string>(),
        [new JobView("stage-b-20261207-080000-0000000a-1", "runner", 1, "QUEUED", 4, 4, 0, 0, 0, Now.AddMinutes(-5), null, null, waitReason)],
        [], 0, 0, "flu-example/20261207-080000-0000000a/", null, [])
    {
        WaitReason = waitReason,
    };
}
