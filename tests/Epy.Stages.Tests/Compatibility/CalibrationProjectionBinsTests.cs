using System.IO.Compression;
using System.Text.Json;
using Epy.Engine.Calibration;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// epymodelingsuite's calibration projections are simulated with the basemodel's
/// <c>simulation.resample_frequency</c> (its simulate wrapper passes it to epydemix), one run per
/// projected trajectory (<c>n_trajectories</c>; <c>n_sims</c> plays no part).
/// </summary>
public sealed class CalibrationProjectionBinsTests : IDisposable
{
    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Projection_BinsAtTheWrittenResampleFrequency_OneRunPerTrajectory()
    {
        _run.EditConfig("basemodel.yml", text => text.Replace("resample_frequency: W-SAT", "resample_frequency: W-SUN\n    n_sims: 3", StringComparison.Ordinal));
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("runner", 0).ShouldBe(0, _run.Log.ToString());

        TaskResult result;
        using (var gzip = new GZipStream(File.OpenRead(Path.Combine(_run.RunFolder, "runner-artifacts", "result_00000.json.gz")), CompressionMode.Decompress))
            result = JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskResult)!;
        var projection = Projection.FromJson(result.Projection.GetRawText());

        projection.Weeks.ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Sunday);
        projection.Weeks[1].DayNumber.ShouldBe(projection.Weeks[0].DayNumber + 7);
        projection.Trajectories.Count.ShouldBe(10, "the run's n_trajectories (shrunk to 10), not n_sims");
    }
}
