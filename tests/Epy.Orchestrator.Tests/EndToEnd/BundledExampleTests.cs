using System.Text.Json;
using Epy.Cli;
using Epy.Contracts.Api;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.EndToEnd;

/// <summary>The bundled example (examples/forecast-repo, flu-example) end to end with the real stage program.</summary>
[Collection(RealStageGroup.Name)]
public sealed class BundledExampleTests
{
    private const string Experiment = "flu-example";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ThroughTheApi_RunSucceeds_WithHubFileFanChartsAndRunRecord()
    {
        using var folder = new TempFolder();
        await using var server = await LocalServer.StartRealAsync(folder, ForecastRepo.Example(folder));

        var run = await server.StartRunAsync(new StartRunRequest(Experiment));
        var done = await server.WaitForAsync(run.RunId, r => r.State is "SUCCEEDED" or "FAILED" or "CANCELLED", "finished", Budget.TotalSeconds);
        done.State.ShouldBe("SUCCEEDED", $"{LocalServer.Describe(done)}\n{TaskLogs(server.Options.LogsRoot)}");

        done.TaskCount.ShouldBeGreaterThan(0);
        done.Jobs.Select(j => (j.Stage, j.State)).ShouldBe([("builder", "SUCCEEDED"), ("runner", "SUCCEEDED"), ("output", "SUCCEEDED")]);
        done.Jobs[1].Succeeded.ShouldBe(done.TaskCount);
        var outputs = done.Outputs.ShouldNotBeNull();
        outputs.ShouldContain($"{run.ArtifactRoot}outputs/output_hub_formatted.csv.gz");
        outputs.ShouldContain($"{run.ArtifactRoot}outputs/fan_chart_US-MA.png");
        outputs.ShouldContain($"{run.ArtifactRoot}outputs/fan_chart_US-NH.png");
        foreach (var output in outputs)
            new FileInfo(Path.Combine(server.Options.BucketRoot, output)).Length.ShouldBeGreaterThan(0, output);
        var png = await File.ReadAllBytesAsync(Path.Combine(server.Options.BucketRoot, $"{run.ArtifactRoot}outputs/fan_chart_US-MA.png"));
        png[..4].ShouldBe(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
        outputs.ShouldContain($"{run.ArtifactRoot}outputs/fan_charts.json");
        var page = await server.Client.GetStringAsync($"/runs/{run.RunId}");
        page.Split("<svg class=\"fan-chart\"").Length.ShouldBe(3, "the dashboard draws a fan chart per location from the real output");
        page.ShouldContain("Massachusetts (US-MA)");

        // The record is written just after the run's final state is committed.
        var record = Path.Combine(server.RunFolder(done), "run_record.json");
        await Wait.UntilAsync(() => File.Exists(record), TimeSpan.FromSeconds(10), () => $"{record} was never written");
        var written = JsonSerializer.Deserialize<RunView>(await File.ReadAllTextAsync(record), OrchestratorJson.Options)!;
        written.RunId.ShouldBe(run.RunId);
        written.State.ShouldBe("SUCCEEDED");
        written.Jobs.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ThroughTheCli_RunLocal_ExitsZero_AndNamesTheOutputsFolder()
    {
        using var folder = new TempFolder();
        var project = ForecastRepo.Example(folder);
        var state = folder.Combine("state");
        using var output = new StringWriter();
        using var timeout = new CancellationTokenSource(Budget);

        var exit = await RunCommand.RunLocalAsync(project, state, new StartRunRequest(Experiment), quiet: false, output, timeout.Token);

        var text = output.ToString();
        exit.ShouldBe(ExitCodes.Ok, $"{text}\n{TaskLogs(Path.Combine(state, "logs"))}");
        timeout.IsCancellationRequested.ShouldBeFalse($"the run took over {Budget.TotalSeconds} s and was cancelled:\n{text}");
        var outputsLine = text.Split('\n').Single(line => line.StartsWith("outputs: ", StringComparison.Ordinal)).TrimEnd();
        var outputs = outputsLine["outputs: ".Length..];
        outputs.ShouldStartWith(Path.Combine(state, "bucket", Experiment));
        File.Exists(Path.Combine(outputs, "output_hub_formatted.csv.gz")).ShouldBeTrue(text);
        File.Exists(Path.Combine(outputs, "fan_chart_US-NH.png")).ShouldBeTrue(text);
        text.ShouldContain("  output_hub_formatted.csv.gz");
        text.ShouldContain(": SUCCEEDED");
    }

    /// <summary>Every task log under <paramref name="logs"/>, for failure messages.</summary>
    private static string TaskLogs(string logs) => Directory.Exists(logs)
        ? string.Join("\n", Directory.EnumerateFiles(logs, "*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(file => $"--- {Path.GetRelativePath(logs, file)}\n{File.ReadAllText(file)}"))
        : "(no task logs)";
}

/// <summary>The real stage program's runs take every core: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RealStageGroup
{
    public const string Name = "real stage program";
}
