using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Epy.Engine.Calibration;
using Epy.Stages.Outputs;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.Configs;
using Epy.Stages.Tests.EndToEnd;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// epymodelingsuite's simulation workflows end to end: every model (sample row, or the basemodel) is
/// run <c>model.simulation.n_sims</c> times with <c>resample_frequency</c> bins, and its outputs keep
/// its identity (<c>primary_id</c>): quantiles over its own runs, trajectories numbered within it, one
/// <c>model_metadata</c> row with its sampled values.
/// </summary>
public sealed class SimulationRunsTests : IDisposable
{
    private SharedExampleRun? _run;

    public void Dispose() => _run?.Dispose();

    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static TaskResult Result(SharedExampleRun run, int index)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(run.RunFolder, "runner-artifacts", $"result_{index:D5}.json.gz")), CompressionMode.Decompress);
        return JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskResult)!;
    }

    private static List<Dictionary<string, string>> Table(SharedExampleRun run, string name)
    {
        var lines = GzipCsv.ReadAllText(run.Output(name)).TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [SharedDataFact]
    public void Sampling_NSimsRunsPerRow_WeeklyOnMonday_OutputsPerModel()
    {
        var run = _run = new SharedExampleRun("sampling-nsims");
        run.AddConfig("flu_round05_basemodel_sampling.yml", text => Replace(text, "resample_frequency: W-SAT", "resample_frequency: W-MON\n    n_sims: 4"));
        run.AddConfig("flu_round05_modelset_sampling.yml", text => Replace(Replace(text, "n_samples: 100", "n_samples: 2"), "    - US-NY # or 'all'\n", string.Empty));
        run.AddConfig("basic_output.yaml");

        var manifest = run.RunAll();

        manifest.TaskCount.ShouldBe(2);
        for (var i = 0; i < 2; i++)
        {
            var projection = Projection.FromJson(Result(run, i).Projection.GetRawText());
            projection.Trajectories.Count.ShouldBe(4);
            projection.Trajectories.Select(t => t.Seed).Distinct().Count().ShouldBe(4);
            projection.Trajectories.ShouldAllBe(t => t.Particle == i);
            projection.Weeks.ShouldAllBe(d => d.DayOfWeek == DayOfWeek.Monday);
        }

        var quantiles = Table(run, OutputFileNames.QuantilesTransitions);
        quantiles.Select(r => r["primary_id"]).Distinct().ShouldBe(["0", "1"]);
        quantiles.ShouldAllBe(r => Date(r["date"]).DayOfWeek == DayOfWeek.Monday);
        // Four runs of one model: the quantiles spread (one run per model made every level equal).
        foreach (var id in new[] { "0", "1" })
        {
            var spread = quantiles.Where(r => r["primary_id"] == id).GroupBy(r => r["date"])
                .Any(g => g.Select(r => r["Home_sev_to_Hosp_total"]).Distinct().Count() > 1);
            spread.ShouldBeTrue($"model {id}");
        }

        var compartments = GzipCsv.ReadAllText(run.Output(OutputFileNames.QuantilesCompartments));
        compartments.ShouldContain(",S_0-4,S_5-17,S_18-49,S_50-64,S_65+,S_total,");

        var trajectories = Table(run, OutputFileNames.TrajectoriesTransitions);
        trajectories.GroupBy(r => r["primary_id"]).ShouldAllBe(g => g.Select(r => r["sim_id"]).Distinct().Count() == 4);
        trajectories[0].Keys.ShouldContain("Home_sev_to_Hosp_0-4");
        trajectories[0].Keys.ShouldContain("Home_sev_to_Hosp_total");

        var models = Table(run, OutputFileNames.ModelMetadata);
        models.Count.ShouldBe(2);
        models.Select(m => m["primary_id"]).ShouldBe(["0", "1"]);
        models.ShouldAllBe(m => m["n_sims"] == "4" && m["population"] == "US-MA" && m["delta_t"] == "1");
        models[0]["Rt"].ShouldNotBe(models[1]["Rt"]);
        models[0].Keys.ShouldContain("L");
        models[0].Keys.ShouldContain("I_symp");
    }

    [SharedDataFact]
    public void Basemodel_WithoutSimulationSection_TenRunsOfDailyOutputs()
    {
        var run = _run = new SharedExampleRun("basemodel-defaults");
        run.AddConfig("flu_round05_basemodel_sampling.yml", text =>
        {
            text = Replace(text, "  simulation:\n    resample_frequency: W-SAT\n", string.Empty);
            text = Replace(text, "end_date: \"2025-05-31\"", "end_date: \"2024-10-31\"");
            text = Replace(text, "start_date: sampled", "start_date: \"2024-09-20\"");
            text = Replace(text, "init: sampled", "init: 0.0005");
            text = Replace(text, "    Rt:\n      type: sampled", "    Rt:\n      type: scalar\n      value: 1.4");
            return Replace(text, "# name: US-MA", "name: US-MA");
        }, "basemodel.yml");
        run.AddConfig("basic_output.yaml", text => Replace(text, "  posteriors: true\n", string.Empty));

        run.RunAll();

        var projection = Projection.FromJson(Result(run, 0).Projection.GetRawText());
        projection.Trajectories.Count.ShouldBe(10);
        // Ten runs made in two groups of five: every one its own simulation and seed.
        projection.Trajectories.Select(t => string.Join(",", t.Flows)).Distinct().Count().ShouldBe(10);
        projection.Trajectories.Select(t => t.Seed).Distinct().Count().ShouldBe(10);
        projection.Weeks[0].ShouldBe(new DateOnly(2024, 9, 20));
        projection.Weeks[1].ShouldBe(new DateOnly(2024, 9, 21));
        projection.Weeks[^1].ShouldBe(new DateOnly(2024, 10, 31));
        var model = Table(run, OutputFileNames.ModelMetadata).ShouldHaveSingleItem();
        model["primary_id"].ShouldBe("0");
        model["n_sims"].ShouldBe("10");
        model["start_date"].ShouldBe("2024-09-20");
    }
}
