using Epy.Contracts.Builder;
using Epy.Stages.Outputs;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// epymodelingsuite's own example configs go builder → runner (every task) → output at reduced counts:
/// the calibration (US-MA and US-NY, vaccination, school closure, seasonality), the sampling (LHS over
/// initial proportions, Rt and the start date) and the sampling basemodel made a basemodel-only run.
/// </summary>
public sealed class SharedExamplesEndToEndTests : IDisposable
{
    private SharedExampleRun? _run;

    public void Dispose() => _run?.Dispose();

    private SharedExampleRun Run(string expId) => _run = new SharedExampleRun(expId);

    private static string Replace(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    private static void ShouldHaveValidHubFile(SharedExampleRun run, params string[] locations)
    {
        var text = GzipCsv.ReadAllText(run.Output(OutputFileNames.HubFormatted));
        using (var hub = new StringReader(text))
            HubFormatCheck.Validate(hub).ShouldBeEmpty();
        foreach (var code in locations)
            text.ShouldContain($"\n{code},");
    }

    /// <summary>epymodelingsuite ignores flusight_format for simulations ("hub quantile format for simulation data, ignoring"); so does the output stage, with a warning.</summary>
    private static void ShouldHaveSkippedTheHubFile(SharedExampleRun run)
    {
        File.Exists(run.Output(OutputFileNames.HubFormatted)).ShouldBeFalse();
        run.Metadata().Warnings.ShouldContain(w => w.StartsWith("flusight_format: skipped", StringComparison.Ordinal));
    }

    [SharedDataFact]
    public void Calibration_SharedExample_TwoLocations_WritesEveryOutput()
    {
        var run = Run("flu-round05-calibration");
        run.AddConfig("flu_round05_basemodel_calibration.yml");
        run.AddConfig("flu_round05_modelset_calibration.yml", text =>
            Replace(Replace(Replace(text, "num_particles: 20", "num_particles: 10"), "num_generations: 5", "num_generations: 2"), "n_trajectories: 100", "n_trajectories: 5"));
        run.AddConfig("basic_output.yaml");

        var manifest = run.RunAll();

        manifest.Kind.ShouldBe(TaskKind.Calibration);
        manifest.Tasks.Select(t => t.Location).ShouldBe(["US-MA", "US-NY"]);
        foreach (var name in new[]
        {
            OutputFileNames.QuantilesCompartments, OutputFileNames.QuantilesTransitions, OutputFileNames.TrajectoriesCompartments,
            OutputFileNames.TrajectoriesTransitions, OutputFileNames.Posteriors, OutputFileNames.ModelMetadata, OutputFileNames.HubFormatted,
        })
        {
            File.Exists(run.Output(name)).ShouldBeTrue(name);
        }
        ShouldHaveValidHubFile(run, "25", "36");
        GzipCsv.ReadAllText(run.Output(OutputFileNames.TrajectoriesTransitions)).ShouldContain("S_to_S_vax_total");
    }

    [SharedDataFact]
    public void Sampling_SharedExample_LocationBySampleTasks_WritesQuantilesAndTrajectories()
    {
        var run = Run("flu-round05-sampling");
        run.AddConfig("flu_round05_basemodel_sampling.yml");
        run.AddConfig("flu_round05_modelset_sampling.yml", text => Replace(text, "n_samples: 100", "n_samples: 3"));
        run.AddConfig("basic_output.yaml");

        var manifest = run.RunAll();

        manifest.Kind.ShouldBe(TaskKind.Sampling);
        manifest.Tasks.Select(t => (t.Location, t.SampleRow)).ShouldBe(
            [("US-MA", 0), ("US-MA", 1), ("US-MA", 2), ("US-NY", 0), ("US-NY", 1), ("US-NY", 2)]);
        File.Exists(run.Output(OutputFileNames.QuantilesCompartments)).ShouldBeTrue();
        File.Exists(run.Output(OutputFileNames.QuantilesTransitions)).ShouldBeTrue();
        File.Exists(run.Output(OutputFileNames.TrajectoriesCompartments)).ShouldBeTrue();
        File.Exists(run.Output(OutputFileNames.TrajectoriesTransitions)).ShouldBeTrue();
        ShouldHaveSkippedTheHubFile(run);
    }

    [SharedDataFact]
    public void Basemodel_SharedExampleWithFixedValues_OneTask_WritesQuantilesAndTrajectories()
    {
        var run = Run("flu-round05-basemodel");
        run.AddConfig("flu_round05_basemodel_sampling.yml", text =>
        {
            text = Replace(text, "start_date: sampled", "start_date: \"2024-09-20\"");
            text = Replace(text, "init: sampled", "init: 0.0005");
            text = Replace(text, "    Rt:\n      type: sampled", "    Rt:\n      type: scalar\n      value: 1.4");
            return Replace(text, "# name: US-MA", "name: US-MA");
        }, "basemodel.yml");
        run.AddConfig("basic_output.yaml", text => Replace(text, "  posteriors: true\n", string.Empty));

        var manifest = run.RunAll();

        manifest.Kind.ShouldBe(TaskKind.Simulation);
        manifest.Tasks.ShouldHaveSingleItem().Location.ShouldBe("US-MA");
        File.Exists(run.Output(OutputFileNames.QuantilesCompartments)).ShouldBeTrue();
        File.Exists(run.Output(OutputFileNames.TrajectoriesTransitions)).ShouldBeTrue();
        ShouldHaveSkippedTheHubFile(run);
    }
}
