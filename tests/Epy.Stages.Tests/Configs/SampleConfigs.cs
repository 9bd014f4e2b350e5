using Epy.Stages.ReferenceData;
using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Configs;

/// <summary>A small valid experiment (SIR with age groups), written so that tests can break one line at a time.</summary>
public static class SampleConfigs
{
    public const string CodebookCsv = """
        "location_name_epydemix","location_name","location_abbreviation","location_code","ISO"
        "United_States","United States","US","US","US"
        "United_States_Massachusetts","Massachusetts","MA","25","US-MA"
        "United_States_New_York","New York","NY","36","US-NY"
        """;

    public static LocationCodebook Codebook { get; } = LocationCodebook.Parse(CodebookCsv, "codebook.csv");

    public const string Basemodel = """
        model:
          meta:
            description: "small SIR"
          name: sir
          random_seed: 7
          timespan:
            start_date: calibrated
            end_date: "2025-05-31"
            delta_t: 1.0
          simulation:
            n_sims: 10
            resample_frequency: W-SAT
          population:
            age_groups: ["0-17", "18+"]
          compartments:
            - id: S
              init: default
            - id: I
              init: calibrated
            - id: R
              init: 0.25
          transitions:
            - type: mediated
              source: S
              target: I
              mediator: I
              rate: beta
            - type: spontaneous
              source: I
              target: R
              rate: gamma
          parameters:
            beta:
              type: calculated
              value: Rt*gamma/eigenvalue
            Rt:
              type: calibrated
            gamma:
              type: age_varying
              values: [1/3, 1/4]
          seasonality:
            target_parameter: beta
            method: balcan
            seasonality_max_date: "2024-12-01"
            max_value: 1.0
            min_value: 0.6
          interventions:
            - type: school_closure
              scaling_factor: 0.5
        """;

    public const string Calibration = """
        modelset:
          population_names:
            - US-MA
            - US-NY
          calibration:
            strategy:
              name: SMC
              options:
                num_particles: 20
                num_generations: 3
            distance_function: rmse
            observed_data_path: data/obs.csv
            comparison:
              - observed_date_column: date
                observed_value_column: value
                simulation:
                  - S_to_I_total
                  - I_to_R_18+
            fitting_window:
              start_date: "2024-09-15"
              end_date: "2025-05-17"
            start_date:
              reference_date: 2024-09-01
              prior:
                type: scipy
                name: randint
                args: [0, 30]
            compartments:
              I:
                prior:
                  type: scipy
                  name: uniform
                  args: [0.0001, 0.001]
            parameters:
              Rt:
                prior:
                  type: scipy
                  name: uniform
                  args: [1.0, 1.0]
            projection:
              n_trajectories: 50
        """;

    public const string Output = """
        output:
          quantiles:
            compartments: true
            transitions:
              - S_to_I_total
          trajectories:
            compartments:
              - I_total
            transitions: false
          posteriors:
            generations: [0, 2]
          flusight_format:
            reference_date: "2025-04-05"
          model_meta:
            projection_parameters: true
        """;

    /// <summary>The 1-based line of the first line of <paramref name="text"/> containing <paramref name="needle"/>.</summary>
    public static int LineOf(string text, string needle)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Contains(needle, StringComparison.Ordinal))
                return i + 1;
        }
        throw new ArgumentException($"'{needle}' is not in the text", nameof(needle));
    }

    /// <summary>Replaces exactly one occurrence, failing the test when the text is not found once.</summary>
    public static string Replace(string text, string oldValue, string newValue)
    {
        var first = text.IndexOf(oldValue, StringComparison.Ordinal);
        first.ShouldBeGreaterThanOrEqualTo(0, $"'{oldValue}' is not in the text");
        text.IndexOf(oldValue, first + 1, StringComparison.Ordinal).ShouldBe(-1, $"'{oldValue}' is in the text more than once");
        return string.Concat(text.AsSpan(0, first), newValue, text.AsSpan(first + oldValue.Length));
    }
}
