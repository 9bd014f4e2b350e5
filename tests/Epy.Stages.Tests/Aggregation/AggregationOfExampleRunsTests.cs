using Epy.Contracts.Builder;
using Epy.Engine.Calibration;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.Configs;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Aggregation;

/// <summary>
/// Two real source runs (epymodelingsuite's calibration and sampling examples at reduced counts, through
/// the three stages) aggregated by a third experiment in the same artifact folder.
/// </summary>
public sealed class AggregationOfExampleRunsTests : IDisposable
{
    private readonly List<SharedExampleRun> _runs = [];

    public void Dispose()
    {
        foreach (var run in _runs)
            run.Dispose();
    }

    private SharedExampleRun Run(string expId)
    {
        var run = new SharedExampleRun(expId);
        _runs.Add(run);
        return run;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static Projection Result(string runFolder, int task)
    {
        var bytes = File.ReadAllBytes(Path.Combine(runFolder, "runner-artifacts", $"result_{task:D5}.json.gz"));
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        var result = System.Text.Json.JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskResult)!;
        return Projection.FromJson(result.Projection.GetRawText());
    }

    /// <summary>A series of every trajectory of <paramref name="projection"/> on the weekly grid <paramref name="weeks"/> (0 where it has no week).</summary>
    private static List<double[]> OnGrid(Projection projection, IReadOnlyList<DateOnly> weeks, string series)
    {
        var list = new List<double[]>();
        for (var t = 0; t < projection.Trajectories.Count; t++)
        {
            var values = projection.Series(t, series);
            list.Add([.. weeks.Select(w => projection.Weeks.ToList().IndexOf(w) is var i and >= 0 ? values[i] : 0)]);
        }
        return list;
    }

    [SharedDataFact]
    public void TheCalibrationAndSamplingExamples_Summed_GiveOneSumOfTheirTrajectoriesPerAggregatedOne()
    {
        var calibration = Run("flu-calibration");
        calibration.AddConfig("flu_round05_basemodel_calibration.yml");
        calibration.AddConfig("flu_round05_modelset_calibration.yml", text => text
            .Replace("num_particles: 20", "num_particles: 10", StringComparison.Ordinal)
            .Replace("num_generations: 5", "num_generations: 2", StringComparison.Ordinal)
            .Replace("n_trajectories: 100", "n_trajectories: 4", StringComparison.Ordinal));
        calibration.AddConfig("basic_output.yaml");
        calibration.RunAll();
        var sampling = Run("flu-sampling");
        sampling.AddConfig("flu_round05_basemodel_sampling.yml");
        sampling.AddConfig("flu_round05_modelset_sampling.yml", text => text.Replace("n_samples: 100", "n_samples: 3", StringComparison.Ordinal));
        sampling.AddConfig("basic_output.yaml");
        var samplingManifest = sampling.RunAll();

        var total = Run("flu-total");
        CopyFolder(calibration.RunFolder, Path.Combine(total.Artifacts, calibration.ExpId, SharedExampleRun.RunId));
        CopyFolder(sampling.RunFolder, Path.Combine(total.Artifacts, sampling.ExpId, SharedExampleRun.RunId));
        var config = Path.Combine(total.Repo, "experiments", total.ExpId, "config");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "aggregation.yaml"), """
            aggregation:
              sources:
                - exp_id: flu-calibration
                - exp_id: flu-sampling
              method: sum
              compartments: true
              transitions: true
              output_config: output.yaml
            """);
        File.WriteAllText(Path.Combine(config, "output.yaml"), "output:\n  quantiles:\n    transitions: true\n  trajectories:\n    transitions: true\n");

        var manifest = total.RunAll();

        manifest.Tasks.Select(t => t.Location).ShouldBe(["US-MA", "US-NY"]);
        manifest.Sources!.Select(s => (s.ExpId, s.RunId, s.Kind)).ShouldBe(
            [("flu-calibration", SharedExampleRun.RunId, TaskKind.Calibration), ("flu-sampling", SharedExampleRun.RunId, TaskKind.Sampling)]);
        var aggregate = Result(total.RunFolder, 0);
        var a = Result(calibration.RunFolder, 0);
        var rows = samplingManifest.Tasks.Where(t => t.Location == "US-MA").Select(t => Result(sampling.RunFolder, t.Index)).ToList();
        // Each sampled row lies on its own grid (it starts on its own date): laid on the aggregate's one by one.
        aggregate.Trajectories.Count.ShouldBe(Math.Min(a.Trajectories.Count, rows.Sum(r => r.Trajectories.Count)));
        var series = $"{aggregate.Flows[0]}_total";
        var sums = OnGrid(aggregate, aggregate.Weeks, series);
        var fromA = OnGrid(a, aggregate.Weeks, series);
        var fromB = rows.SelectMany(r => OnGrid(r, aggregate.Weeks, series)).ToList();
        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();
        foreach (var sum in sums)
        {
            var pair = (from i in Enumerable.Range(0, fromA.Count) from j in Enumerable.Range(0, fromB.Count)
                        where sum.Select((v, w) => Math.Abs(v - fromA[i][w] - fromB[j][w]) <= 1e-9 * Math.Max(1, Math.Abs(v))).All(x => x)
                        select (i, j)).ToList();
            pair.ShouldNotBeEmpty($"an aggregated {series} is no sum of a calibration and a sampling trajectory");
            usedA.Add(pair[0].i);
            usedB.Add(pair[0].j);
        }
        usedB.Count.ShouldBe(sums.Count);
        File.Exists(Path.Combine(total.RunFolder, "outputs", "trajectories_transitions.csv.gz")).ShouldBeTrue();
    }
}
