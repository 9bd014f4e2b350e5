using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;

namespace Epy.Orchestrator.Tests.Local;

public sealed class FolderRunArtifactsTests
{
    [Fact]
    public async Task TaskResults_AreTheIndicesOfTheResultFiles_InOrder()
    {
        using var folder = new TempFolder();
        var paths = new ArtifactPaths("", ExperimentId.Parse(ForecastRepo.Experiment), RunId.Parse("20261124-101500-a1b2c3d4"));
        var artifacts = new FolderRunArtifacts(folder.Path);
        (await artifacts.ListTaskResultsAsync(paths, default)).ShouldBe([]);
        foreach (var name in new[] { paths.TaskResult(4), paths.TaskResult(1), paths.TaskResults + "result_00002.json.gz.tmp-1" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder.Path, name))!);
            await File.WriteAllTextAsync(Path.Combine(folder.Path, name), "x");
        }

        (await artifacts.ListTaskResultsAsync(paths, default)).ShouldBe([1, 4]);
    }
}
