using System.Diagnostics;
using System.Globalization;
using System.Text;
using Epy.Cli;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Cli;

/// <summary>Ctrl-C (SIGINT) on <c>epycloud run --local</c> cancels the run cleanly and exits 130.</summary>
public sealed class InterruptTests
{
    [Fact]
    public async Task RunLocal_Interrupted_CancelsTheRun_AndExits130()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Minimal(folder);
        var state = folder.Combine("state");
        var fake = new FakeStage(folder.Combine("fake")).WithTasks(2).Holding(0).Holding(1);
        var environment = new Dictionary<string, string>(fake.Environment) { ["EPY_STAGE_COMMAND"] = string.Join(' ', fake.Command) };
        using var process = Epycloud.Start(["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state], environment);
        var seen = new StringBuilder();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                seen.AppendLine(line);
                if (line.Contains("RUNNING_TASKS", StringComparison.Ordinal))
                    break;
            }
        }

        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await interrupt.WaitForExitAsync();
        var rest = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        process.ExitCode.ShouldBe(ExitCodes.Interrupted, $"{seen}{rest}");
        rest.ShouldContain("interrupted: cancelling the run...");
        rest.ShouldContain(": CANCELLED");
    }
}
