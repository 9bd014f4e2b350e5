using System.Diagnostics;
using System.Globalization;
using System.Text;
using Epy.Cli;

namespace Epy.Cli.Tests;

/// <summary>Ctrl-C (SIGINT) on <c>epycloud run --local</c> stops the run cleanly, exits 130, and the run stays resumable.</summary>
public sealed class InterruptTests
{
    [Fact]
    public async Task RunLocal_Interrupted_StopsTheRun_Exits130_AndResumesWithItsRunId()
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
        rest.ShouldContain("interrupted: stopping the run (it stays resumable)...");
        rest.ShouldContain(": CANCELLED");
        var runId = seen.ToString().Split(' ', 3)[1];
        rest.ShouldContain($"resume it: epycloud run --local --exp-id {ForecastRepo.Experiment} --run-id {runId}");

        fake.Release(0).Release(1);
        var resumed = await Epycloud.RunAsync(["run", "--local", "--exp-id", ForecastRepo.Experiment, "--project-dir", project, "--state-dir", state, "--run-id", runId], environment);

        resumed.ExitCode.ShouldBe(ExitCodes.Ok, resumed.ToString());
        resumed.Output.ShouldContain($"run {runId} of {ForecastRepo.Experiment} (resumed)");
        resumed.Output.ShouldContain($"run {runId}: SUCCEEDED");
    }
}
