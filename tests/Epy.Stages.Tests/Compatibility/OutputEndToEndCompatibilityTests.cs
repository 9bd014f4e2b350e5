using Epy.Stages.Outputs;
using Epy.Stages.Tests.Configs;
using Epy.Stages.Tests.EndToEnd;
using Shouldly;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>epymodelingsuite's example calibration with an output config asking for Parquet, plots in two formats and no posteriors.</summary>
public sealed class OutputEndToEndCompatibilityTests : IDisposable
{
    private readonly SharedExampleRun? _run = TestData.SharedDataRoot is null ? null : new SharedExampleRun("flu-round05-calibration");

    public void Dispose() => _run?.Dispose();

    private const string Extra = """
          tabular_output_types: [CSVBytes, Parquet]
          options:
            surveillance:
              nhsn:
                data_path: data/flu_hosp_24.csv
                value_column: hospitalizations
                date_column: target_end_date
                location_column: geo_value
          plots:
            figure_output_types: [PNG, PDF]
            dpi: 50
            reference_date: 2025-04-05
            posterior: {grid: true, bins: 8}
            quantiles:
              outputs:
                - {type: filtered, surveillance_points: 8}
                - {type: full}
                - {type: side_by_side}
            categorical: {}

        """;

    [SharedDataFact]
    public void Calibration_WithPlotsAndParquetAndNoPosteriors_WritesWhatTheOutputConfigAsks()
    {
        var run = _run!;
        run.AddConfig("flu_round05_basemodel_calibration.yml");
        run.AddConfig("flu_round05_modelset_calibration.yml", text => text
            .Replace("num_particles: 20", "num_particles: 6", StringComparison.Ordinal)
            .Replace("num_generations: 5", "num_generations: 1", StringComparison.Ordinal)
            .Replace("n_trajectories: 100", "n_trajectories: 4", StringComparison.Ordinal));
        run.AddConfig("basic_output.yaml", text => text.Replace("  posteriors: true\n", Extra, StringComparison.Ordinal));

        run.RunAll();

        // epymodelingsuite's posteriors default to false: left out of the output config, no table (the old code wrote one).
        File.Exists(run.Output(OutputFileNames.Posteriors)).ShouldBeFalse();
        File.Exists(run.Output("posteriors.parquet")).ShouldBeFalse();
        foreach (var name in new[] { "quantiles_compartments", "quantiles_transitions", "trajectories_compartments", "trajectories_transitions", "model_metadata", "output_hub_formatted" })
        {
            File.Exists(run.Output(name + ".csv.gz")).ShouldBeTrue(name);
            File.Exists(run.Output(name + ".parquet")).ShouldBeTrue(name);
        }
        foreach (var stem in new[] { "posterior_grid", "quantiles_grid_filtered", "quantiles_grid_full", "quantiles_grid_side_by_side", "categorical" })
        {
            File.ReadAllBytes(run.Output(stem + ".png")).Length.ShouldBeGreaterThan(1000, stem);
            File.ReadAllBytes(run.Output(stem + ".pdf"))[..4].ShouldBe("%PDF"u8.ToArray(), stem);
        }
        run.Metadata().Outputs.ShouldContain("quantiles_grid_side_by_side.pdf");
    }

    [SharedDataFact]
    public void Calibration_WithAnUnknownPlotValueColumn_StopsWithBadInputBeforeWritingOutputs()
    {
        var run = _run!;
        run.AddConfig("flu_round05_basemodel_calibration.yml");
        run.AddConfig("flu_round05_modelset_calibration.yml", text => text
            .Replace("num_particles: 20", "num_particles: 4", StringComparison.Ordinal)
            .Replace("num_generations: 5", "num_generations: 1", StringComparison.Ordinal)
            .Replace("n_trajectories: 100", "n_trajectories: 2", StringComparison.Ordinal));
        run.AddConfig("basic_output.yaml", text => text.Replace("  posteriors: true\n", "  plots:\n    reference_date: 2025-04-05\n    quantiles: {value_column: no_such_series}\n", StringComparison.Ordinal));

        run.Stage("builder").ShouldBe(0);
        for (var i = 0; i < run.Manifest().TaskCount; i++)
            run.Stage("runner", i).ShouldBe(0);
        run.Stage("output").ShouldBe(3);

        run.Log.ToString().ShouldContain("output.plots.quantiles.value_column: 'no_such_series'");
        File.Exists(run.Output(OutputFileNames.QuantilesCompartments)).ShouldBeFalse();
    }
}
