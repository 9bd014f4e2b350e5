using Epy.Contracts.Api;
using Epy.Contracts.Outputs;
using Epy.Orchestrator.Tests.Fixtures;

namespace Epy.Orchestrator.Tests.Dashboard;

/// <summary>
/// Output files the real output stage wrote for the bundled example (flu-example: US-MA and US-NH),
/// kept in Fixtures/: with them a run finished by the fake stage has real charts to draw.
/// </summary>
public static class ExampleOutputs
{
    public static string Folder => Path.Combine(TestData.RepositoryRoot, "tests", "Epy.Orchestrator.Tests", "Dashboard", "Fixtures");

    public static string ChartsFile => Path.Combine(Folder, FanChartsFile.FileName);

    /// <summary>Copies the fixtures into <paramref name="run"/>'s outputs folder.</summary>
    public static void CopyInto(LocalServer server, RunView run)
    {
        var outputs = Path.Combine(server.RunFolder(run), "outputs");
        Directory.CreateDirectory(outputs);
        foreach (var file in Directory.EnumerateFiles(Folder))
            File.Copy(file, Path.Combine(outputs, Path.GetFileName(file)), overwrite: true);
    }

    /// <summary>A run of the fake stage, finished, with the example's output files.</summary>
    public static async Task<RunView> FinishedRunAsync(LocalServer server, string? runId = null)
    {
        var run = await server.StartRunAsync(new StartRunRequest(ForecastRepo.Experiment, RunId: runId));
        var done = await server.WaitForEndAsync(run.RunId, "SUCCEEDED");
        CopyInto(server, done);
        return done;
    }
}
