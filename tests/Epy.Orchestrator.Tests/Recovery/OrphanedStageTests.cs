using System.Text;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Recovery;

/// <summary>
/// <c>kill -9</c> of <c>epycloud run --local</c>: the real stage program's tasks see their lifeline (standard
/// input) close and stop within seconds, writing no result; none outlives the CLI.
/// </summary>
public sealed class OrphanedStageTests
{
    [Fact]
    public async Task CliKilled_TheStageProgramsItStarted_Stop()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Example(folder);
        using var cli = Epycloud.Start(["run", "--local", "--exp-id", "flu-example", "--project-dir", project, "--state-dir", folder.Combine("state")]);
        var seen = new StringBuilder();
        IReadOnlyList<int> tasks = [];
        string[] resultsAtKill = [];
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (await cli.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.AppendLine(line);
                tasks = Processes.Descendants(cli.Id);
                if (line.Contains("RUNNING_TASKS", StringComparison.Ordinal) && tasks.Count > 0)
                    break;
            }
            tasks.ShouldNotBeEmpty($"no stage task was seen running:\n{seen}");
            cli.Kill(); // SIGKILL to the CLI alone: nothing of it runs any more to stop its tasks.
            await cli.WaitForExitAsync();
            resultsAtKill = Results(folder);
        }
        finally
        {
            if (!cli.HasExited)
                cli.Kill(entireProcessTree: true);
        }

        await Wait.UntilAsync(() => !tasks.Any(Processes.IsAlive), TimeSpan.FromSeconds(20),
            () => $"still running 20 s after the CLI was killed: {string.Join(", ", tasks.Where(Processes.IsAlive))}\n{seen}");
        // Stopped, not finished: a task running at the kill wrote no result (an orphan running on would have).
        Results(folder).ShouldBe(resultsAtKill);
    }

    private static string[] Results(TempFolder folder)
    {
        var bucket = folder.Combine("state", "bucket");
        return Directory.Exists(bucket)
            ? [.. Directory.EnumerateFiles(bucket, "result_*.json.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];
    }
}
