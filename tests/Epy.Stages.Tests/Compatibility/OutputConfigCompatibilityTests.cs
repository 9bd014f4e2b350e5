using Epy.Stages.Configs;
using Shouldly;
using Xunit;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// Each key of epymodelingsuite's <c>output</c> schema (schema/output.py) is read with its meaning,
/// or refused with <c>file:line:column: field: not supported yet</c>.
/// </summary>
public class OutputConfigCompatibilityTests
{
    private static OutputConfig Read(string body)
    {
        var result = ConfigLoader.Parse("output:\n" + body, "output.yaml");
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        return result.Document!.Output!;
    }

    private static string Refusal(string body)
    {
        var result = ConfigLoader.Parse("output:\n" + body, "output.yaml");
        result.Errors.ShouldNotBeEmpty();
        return string.Join("\n", result.Errors);
    }

    [Fact]
    public void TabularOutputTypes_MapEachFileFormat()
    {
        Read("  tabular_output_types: [CSVBytes, Parquet]\n").TabularOutputTypes.ShouldBe([TabularOutputType.CsvGz, TabularOutputType.Parquet]);
        Read("  tabular_output_types: [Parquet]\n").TabularOutputTypes.ShouldBe([TabularOutputType.Parquet]);
        Read("  quantiles:\n    compartments: true\n").TabularOutputTypes.ShouldBe([TabularOutputType.CsvGz]);
        Read("  tabular_output_types: []\n").TabularOutputTypes.ShouldBeEmpty();
    }

    [Fact]
    public void TabularOutputTypes_DataFrame_IsRefusedAsNoFile()
    {
        var message = Refusal("  tabular_output_types: [CSVBytes, DataFrame]\n");
        message.ShouldContain("output.yaml:2:");
        message.ShouldContain("output.tabular_output_types: not supported yet (DataFrame is an in-memory pandas table");
        Refusal("  tabular_output_types: [Excel]\n").ShouldContain("unknown value 'Excel': expected one of CSVBytes, Parquet, DataFrame");
    }

    [Fact]
    public void QuantileSelections_AreTheLevelsInWrittenOrder()
    {
        var output = Read("  quantiles:\n    selections: [0.5, 0.05, 0.95]\n    transitions: true\n");
        output.Quantiles!.Levels.ShouldBe([0.5, 0.05, 0.95]);
        Read("  quantiles:\n    compartments: true\n").Quantiles!.Levels.ShouldBeNull();
    }

    [Fact]
    public void QuantileSelections_OutsideOpenUnitInterval_AreRefused()
    {
        Refusal("  quantiles:\n    selections: [0.5, 1.0]\n").ShouldContain("output.yaml:3:23: output.quantiles.selections: quantile 1 is out of range: expected a level in (0, 1)");
    }

    [Fact]
    public void QuantilesCalibration_IsAcceptedFalseAndRefusedOtherwise()
    {
        Read("  quantiles:\n    calibration: false\n    transitions: true\n");
        Refusal("  quantiles:\n    calibration: true\n").ShouldContain("output.quantiles.calibration: not supported yet");
    }

    [Theory]
    [InlineData("covid19_format")]
    [InlineData("flusmh_format")]
    public void OtherHubFormats_AreRefusedByName(string key)
    {
        Refusal($"  {key}: {{}}\n").ShouldBe($"output.yaml:2:3: output.{key}: not supported yet");
    }

    [Fact]
    public void FlusightFormat_PropEd_IsRefused()
    {
        Refusal("  flusight_format:\n    reference_date: 2025-01-04\n    prop_ed:\n      strategy: transition\n")
            .ShouldContain("output.yaml:4:5: output.flusight_format.prop_ed: not supported yet (the wk inc flu prop ed visits target; remove prop_ed to submit the hospitalization targets alone)");
    }

    [Fact]
    public void FlusightFormat_DefaultHospitalizationsAndQuantilesAndMetrocastFalse_AreAccepted()
    {
        var levels = string.Join(", ", Epy.Stages.Outputs.Quantiles.FluSightLevels.Select(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var output = Read($"  flusight_format:\n    reference_date: 2025-01-04\n    hospitalizations:\n      target: wk inc flu hosp\n    quantiles: [{levels}]\n    metrocast: false\n");
        output.FlusightFormat!.ReferenceDate!.Value.ShouldBe(new DateOnly(2025, 1, 4));
    }

    [Fact]
    public void FlusightFormat_OtherTargetsMetrocastOrNoHospitalizations_AreRefused()
    {
        Refusal("  flusight_format:\n    reference_date: 2025-01-04\n    hospitalizations:\n      target: wk inc covid hosp\n")
            .ShouldContain("output.flusight_format.hospitalizations.target: not supported yet");
        Refusal("  flusight_format:\n    reference_date: 2025-01-04\n    hospitalizations: null\n")
            .ShouldContain("output.flusight_format.hospitalizations: not supported yet");
        Refusal("  flusight_format:\n    reference_date: 2025-01-04\n    quantiles: [0.5, 1.5]\n")
            .ShouldContain("output.yaml:4:22: output.flusight_format.quantiles: quantile 1.5 is out of range: expected a level in (0, 1)");
        Refusal("  flusight_format:\n    reference_date: 2025-01-04\n    metrocast: true\n")
            .ShouldContain("output.flusight_format.metrocast: not supported yet");
    }

    [Fact]
    public void RateTrendsSource_ReadsTheNamedSurveillanceSource()
    {
        var output = Read("""
              options:
                surveillance:
                  nhsn:
                    data_path: data/nhsn.csv
                    value_column: value
                    date_column: date
                    location_column: location
                    location_format: ISO
              flusight_format:
                reference_date: 2025-01-04
                rate_trends_source: nhsn

            """);
        output.Surveillance.Single().Name.Value.ShouldBe("nhsn");
        var trends = output.FlusightFormat!.RateTrends!;
        trends.ObservedDataPath.Value.ShouldBe("data/nhsn.csv");
        trends.ObservedLocationColumn.Value.ShouldBe("location");
    }

    [Fact]
    public void RateTrendsSource_UnknownSourceOrLocationFormat_AreRefused()
    {
        Refusal("  flusight_format:\n    reference_date: 2025-01-04\n    rate_trends_source: nhsn\n")
            .ShouldContain("output.flusight_format.rate_trends_source: unknown surveillance source 'nhsn'; no surveillance sources are defined");
        Refusal("  options:\n    surveillance:\n      a:\n        data_path: x.csv\n        value_column: v\n        date_column: d\n        location_column: l\n        location_format: FIPS\n")
            .ShouldContain("output.options.surveillance.a.location_format: not supported yet ('FIPS'");
    }

    [Fact]
    public void Plots_AreReadWithEpymodelingsuiteDefaults()
    {
        var plots = Read("  plots:\n    reference_date: 2025-01-04\n").Plots!;
        plots.FigureOutputTypes.ShouldBe([FigureOutputType.Png]);
        plots.Dpi.ShouldBe(150);
        plots.PosteriorGrid.ShouldBeFalse();
        plots.PosteriorBins.ShouldBe(30);
        plots.Quantiles.Grid.ShouldBeTrue();
        plots.Quantiles.PanelsPerRow.ShouldBe(4);
        plots.Quantiles.Outputs.Select(o => o.Kind).ShouldBe([QuantilePlotKind.Filtered, QuantilePlotKind.Full, QuantilePlotKind.SideBySide]);
        plots.Quantiles.Outputs[0].SurveillancePoints.ShouldBe(8);
        plots.Quantiles.Levels.ShouldBe([0.025, 0.25, 0.5, 0.75, 0.975]);
        plots.Quantiles.HorizonMax.ShouldBe(3);
        plots.Quantiles.ValueColumn.Value.ShouldBe("hospitalizations");
        plots.Categorical.ShouldBeNull();
    }

    [Fact]
    public void Plots_EveryImplementedKey_IsRead()
    {
        var plots = Read("""
              options:
                surveillance:
                  nhsn: {data_path: d.csv, value_column: v, date_column: d, location_column: l}
              plots:
                figure_output_types: [PNG, PDF, SVG]
                dpi: 100
                reference_date: 2025-01-04
                posterior: {single: false, grid: true, bins: 12}
                quantiles:
                  single: false
                  grid: {enabled: true, panels_per_row: 2}
                  outputs:
                    - type: full
                      show_calibration: false
                      show_projection: true
                      show_surveillance: true
                      show_fitting_window_line: false
                      surveillance_source: nhsn
                      surveillance_start_date: 2024-10-05
                      horizon_max: 2
                    - type: side_by_side
                      spacing: 0.4
                      full_panel: {surveillance_points: 20}
                      filtered_panel: {surveillance_points: 4, surveillance_start_date: 2024-12-01}
                  quantiles: [0.05, 0.5, 0.95]
                  horizon_max: null
                  calibration: {color: C2}
                  projection: {color: "#ff0000"}
                  value_column: Home_sev_to_Hosp_total
                  ylabel: Admissions
                  suptitle: Forecast
                categorical:
                  categories: [decrease, stable, increase]
                  colors: [C0, gray, "#cf1259"]
                  horizons: [0, 1]

            """).Plots!;
        plots.FigureOutputTypes.ShouldBe([FigureOutputType.Png, FigureOutputType.Pdf, FigureOutputType.Svg]);
        plots.Dpi.ShouldBe(100);
        plots.PosteriorGrid.ShouldBeTrue();
        plots.PosteriorBins.ShouldBe(12);
        var q = plots.Quantiles;
        q.PanelsPerRow.ShouldBe(2);
        q.Outputs[0].Kind.ShouldBe(QuantilePlotKind.Full);
        q.Outputs[0].ShowFittingWindowLine.ShouldBeFalse();
        q.Outputs[0].SurveillanceSource!.Value.ShouldBe("nhsn");
        q.Outputs[0].SurveillanceStartDate.ShouldBe(new DateOnly(2024, 10, 5));
        q.Outputs[0].HorizonMax.ShouldBe(2);
        q.Outputs[1].FullPanel!.SurveillancePoints.ShouldBe(20);
        q.Outputs[1].FilteredPanel!.SurveillanceStartDate.ShouldBe(new DateOnly(2024, 12, 1));
        q.Levels.ShouldBe([0.05, 0.5, 0.95]);
        q.HorizonMax.ShouldBeNull();
        q.ProjectionColor.ShouldBe("#ff0000");
        q.ValueColumn.Value.ShouldBe("Home_sev_to_Hosp_total");
        q.YLabel.ShouldBe("Admissions");
        q.SupTitle.ShouldBe("Forecast");
        plots.Categorical!.Categories.Select(c => c.Value).ShouldBe(["decrease", "stable", "increase"]);
        plots.Categorical.Horizons.ShouldBe([0, 1]);
    }

    [Fact]
    public void TopLevelFigureOutputTypes_ApplyWhenPlotsNameNone()
    {
        Read("  figure_output_types: [PDF]\n  plots:\n    reference_date: 2025-01-04\n").Plots!.FigureOutputTypes.ShouldBe([FigureOutputType.Pdf]);
    }

    [Theory]
    [InlineData("  figure_output_types: [MPLFigure]\n", "output.figure_output_types: not supported yet (MPLFigure is an in-memory matplotlib figure")]
    [InlineData("  plots:\n    reference_date: 2025-01-04\n    posterior: {single: true}\n", "output.plots.posterior.single: not supported yet")]
    [InlineData("  plots:\n    reference_date: 2025-01-04\n    quantiles: {single: [US-MA]}\n", "output.plots.quantiles.single: not supported yet")]
    [InlineData("  plots:\n    reference_date: 2025-01-04\n    quantiles:\n      outputs:\n        - {type: full, xlabel_interval: W-SAT}\n", "output.plots.quantiles.outputs[0].xlabel_interval: not supported yet")]
    [InlineData("  plots:\n    reference_date: 2025-01-04\n    quantiles:\n      outputs:\n        - {type: full, figsize: [8, 4]}\n", "output.plots.quantiles.outputs[0].figsize: not supported yet")]
    [InlineData("  plots:\n    reference_date: 2025-01-04\n    quantiles:\n      outputs:\n        - {type: full, show_calibration: true}\n", "output.plots.quantiles.outputs[0].show_calibration: not supported yet")]
    [InlineData("  plots:\n    reference_date: 2025-01-04\n    categorical: {figsize: [8, 4]}\n", "output.plots.categorical.figsize: not supported yet")]
    public void Plots_UnimplementedKeys_AreRefused(string body, string expected)
    {
        Refusal(body).ShouldContain(expected);
    }

    [Theory]
    [InlineData("    quantiles:\n      outputs: [{type: full}, {type: full}]\n", "duplicate type 'full'")]
    [InlineData("    quantiles:\n      grid: {panels_per_row: 3}\n", "output.plots.quantiles.grid.panels_per_row: must be an even number")]
    [InlineData("    quantiles:\n      quantiles: [1.5]\n", "quantile 1.5 is out of range: expected a level in [0, 1]")]
    [InlineData("    quantiles:\n      projection: true\n", "output.plots.quantiles.projection: no longer accepts true/false")]
    [InlineData("    quantiles:\n      projection: {color: chartreuse-ish}\n", "unknown colour 'chartreuse-ish'")]
    [InlineData("    quantiles:\n      outputs: [{type: full, surveillance_source: nhsn}]\n", "unknown surveillance source 'nhsn'")]
    [InlineData("    categorical: {colors: [C0]}\n", "colors list length (1) must match categories list length (5)")]
    public void Plots_InvalidValues_AreRefusedAsEpymodelingsuiteRefusesThem(string plotsBody, string expected)
    {
        Refusal("  plots:\n    reference_date: 2025-01-04\n" + plotsBody).ShouldContain(expected);
    }

    [Fact]
    public void Plots_WithoutReferenceDate_AreRefused()
    {
        Refusal("  plots:\n    dpi: 100\n").ShouldContain("output.plots.reference_date: missing required field");
    }
}
