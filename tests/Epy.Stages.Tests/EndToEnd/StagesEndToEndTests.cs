using System.IO.Compression;
using System.Text.Json;
using Epy.Contracts.Outputs;
using Epy.Contracts.Runs;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.Pipeline;
using Epy.Stages.Tests.Outputs;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>builder → runner → output on the example forecast repository, in a temporary folder.</summary>
public sealed class StagesEndToEndTests : IDisposable
{
    private readonly ExampleRun _run = new();

    public void Dispose() => _run.Dispose();

    private string Output(string name) => Path.Combine(_run.RunFolder, "outputs", name);

    private RunMetadata Metadata() =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(_run.RunFolder, "run_metadata.json")), PipelineJsonContext.Default.RunMetadata)!;

    /// <summary>The example's locations, one task each, in task order.</summary>
    private static readonly string[] Locations = ["US-MA", "US-NH"];

    private void RunTasks(params int[] tasks)
    {
        foreach (var task in tasks)
            _run.Stage("runner", task).ShouldBe(0, _run.Log.ToString());
    }

    [Fact]
    public void Example_BuilderRunnerOutput_WritesEveryOutputAndAValidHubFile()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        RunTasks(0, 1);
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        var charts = Locations.Select(OutputFileNames.FanChart).ToArray();
        foreach (var name in new[]
        {
            OutputFileNames.QuantilesCompartments, OutputFileNames.QuantilesTransitions, OutputFileNames.TrajectoriesCompartments,
            OutputFileNames.TrajectoriesTransitions, OutputFileNames.Posteriors, OutputFileNames.ModelMetadata, OutputFileNames.HubFormatted,
        }.Concat(charts))
        {
            File.Exists(Output(name)).ShouldBeTrue(name);
        }
        var hubText = GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted));
        using (var hub = new StringReader(hubText))
            HubFormatCheck.Validate(hub).ShouldBeEmpty();
        hubText.ShouldContain("\n25,2025-04-05,");
        hubText.ShouldContain("\n33,2025-04-05,");
        foreach (var chart in charts)
            FanChartTests.AssertPng(File.ReadAllBytes(Output(chart)));
        Directory.EnumerateFiles(Path.Combine(_run.RunFolder, "outputs"), "*.png").Count().ShouldBe(Locations.Length);
        var chartData = JsonSerializer.Deserialize(File.ReadAllBytes(Output(FanChartsFile.FileName)), PipelineJsonContext.Default.FanChartsFile)!;
        chartData.Charts.Select(c => c.Location).ShouldBe(Locations);
        foreach (var data in chartData.Charts)
        {
            data.Weeks.Count.ShouldBeGreaterThan(0);
            foreach (var band in new[] { data.Median, data.Lower50, data.Upper50, data.Lower90, data.Upper90 })
                band.Count.ShouldBe(data.Weeks.Count);
            data.Lower90.Zip(data.Median).ShouldAllBe(pair => pair.First <= pair.Second);
            data.Observed.Count.ShouldBeGreaterThan(0, "the example's charts carry its observed admissions");
            data.ReferenceDate.ShouldBe(new DateOnly(2025, 4, 5), "the hub round, marked on the chart");
            data.FittedThrough.ShouldBe(new DateOnly(2025, 3, 29), "the fitting window's end: the weeks the forecast saw");
        }
        foreach (var task in new[] { 0, 1 })
        {
            File.Exists(Path.Combine(_run.RunFolder, "builder-artifacts", $"input_0000{task}.json.gz")).ShouldBeTrue();
            File.Exists(Path.Combine(_run.RunFolder, "runner-artifacts", $"result_0000{task}.json.gz")).ShouldBeTrue();
        }
        File.Exists(Path.Combine(_run.RunFolder, "summaries", "builder.txt")).ShouldBeTrue();
        var metadata = Metadata();
        metadata.TaskCount.ShouldBe(2);
        metadata.ResultsUsed.ShouldBe(2);
        metadata.MissingResults.ShouldBeEmpty();
        charts.ShouldAllBe(chart => metadata.Outputs.Contains(chart));
        metadata.Configs.Select(c => c.Name).ShouldBe(["basemodel.yml", "modelset.yml", "output.yaml"]);
        var verdict = JsonSerializer.Deserialize(File.ReadAllBytes(Output(SubmissionVerdict.FileName)), PipelineJsonContext.Default.SubmissionVerdict)!;
        verdict.Valid.ShouldBeTrue(string.Join("\n", verdict.Problems));
        verdict.HubConfig.ShouldEndWith(Path.Combine("data", "flusight-hub", "hub-config"));
        metadata.SubmissionValidation.ShouldBe(verdict, new VerdictComparer());
        metadata.Outputs.ShouldContain(SubmissionVerdict.FileName);
        // The bundled tasks.json lists the 2025-26 season's weeks for every round id: a 2025-04-05 forecast has no peak rows.
        hubText.ShouldNotContain("peak");
        metadata.Warnings.ShouldContain(w => w.Contains("does not contain the weeks forecast for 2025-04-05", StringComparison.Ordinal));
    }

    [Fact]
    public void AHubConfigWhoseSeasonHoldsTheRound_GetsPeakRowsForEveryLocation_AndStaysValid()
    {
        // The bundled tasks.json with its peak-week categories moved to the 2024-25 season (Saturdays 2024-11-23 to 2025-05-31).
        var hubConfig = Path.Combine(_run.Root, "season-hub", "hub-config");
        Directory.CreateDirectory(hubConfig);
        var tasks = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "flusight-hub", "hub-config", "tasks.json")))!;
        var weeks = Enumerable.Range(0, 28).Select(w => CsvText.Date(new DateOnly(2024, 11, 23).AddDays(7 * w))).ToArray();
        var peakWeek = tasks["rounds"]![0]!["model_tasks"]!.AsArray()
            .Single(t => t!["task_ids"]!["target"]!["optional"]!.AsArray().Any(v => (string?)v == HubFormat.PeakWeekTarget))!;
        peakWeek["output_type"]!["pmf"]!["output_type_id"]!["required"] = new System.Text.Json.Nodes.JsonArray([.. weeks.Select(w => (System.Text.Json.Nodes.JsonNode?)w)]);
        File.WriteAllText(Path.Combine(hubConfig, "tasks.json"), tasks.ToJsonString());
        _run.Set("HUB_CONFIG_DIR", hubConfig);

        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        RunTasks(0, 1);
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        var hubText = GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted));
        using (var hub = new StringReader(hubText))
            HubFormatCheck.Validate(hub).ShouldBeEmpty();
        foreach (var location in new[] { "25", "33" })
        {
            hubText.Split('\n').Count(l => l.StartsWith($"{location},2025-04-05,,,{HubFormat.PeakIncidenceTarget},quantile,", StringComparison.Ordinal)).ShouldBe(23);
            hubText.Split('\n').Count(l => l.StartsWith($"{location},2025-04-05,,,{HubFormat.PeakWeekTarget},pmf,", StringComparison.Ordinal)).ShouldBe(weeks.Length);
        }
        var verdict = JsonSerializer.Deserialize(File.ReadAllBytes(Output(SubmissionVerdict.FileName)), PipelineJsonContext.Default.SubmissionVerdict)!;
        verdict.Valid.ShouldBeTrue(string.Join("\n", verdict.Problems));
        verdict.HubConfig.ShouldBe(hubConfig);
    }

    [Fact]
    public void AHubFile_TheHubRefuses_IsReportedInTheVerdict_AndTheRunStillSucceeds()
    {
        // A hub whose wk inc flu hosp quantiles must stay at or below 1: the file is built for the round, but breaks its value rule.
        var hubConfig = Path.Combine(_run.Root, "other-hub", "hub-config");
        Directory.CreateDirectory(hubConfig);
        var tasks = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "flusight-hub", "hub-config", "tasks.json")))!;
        var incidence = tasks["rounds"]![0]!["model_tasks"]!.AsArray()
            .Single(t => t!["task_ids"]!["target"]!["optional"]!.AsArray().Any(v => (string?)v == HubFormat.IncidenceTarget))!;
        incidence["output_type"]!["quantile"]!["value"]!["maximum"] = 1;
        File.WriteAllText(Path.Combine(hubConfig, "tasks.json"), tasks.ToJsonString());
        _run.Set("HUB_CONFIG_DIR", hubConfig);

        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        RunTasks(0, 1);
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        var verdict = JsonSerializer.Deserialize(File.ReadAllBytes(Output(SubmissionVerdict.FileName)), PipelineJsonContext.Default.SubmissionVerdict)!;
        verdict.Valid.ShouldBeFalse();
        verdict.Problems.ShouldContain(p => p.Contains("is above the maximum 1", StringComparison.Ordinal));
        verdict.HubConfig.ShouldBe(hubConfig);
        verdict.ReferenceDate.ShouldBe("2025-04-05");
        verdict.SubmissionFile.ShouldBeNull();
        verdict.ModelId.ShouldBeNull();
        var metadata = Metadata();
        metadata.SubmissionValidation!.Valid.ShouldBeFalse();
        metadata.Warnings.ShouldContain(w => w.StartsWith("submission validation: the hub file breaks", StringComparison.Ordinal));
    }

    private sealed class VerdictComparer : IEqualityComparer<SubmissionVerdict?>
    {
        public bool Equals(SubmissionVerdict? x, SubmissionVerdict? y) =>
            x is not null && y is not null && x.Valid == y.Valid && x.HubConfig == y.HubConfig && x.Problems.SequenceEqual(y.Problems);

        public int GetHashCode(SubmissionVerdict? obj) => 0;
    }

    [Fact]
    public void Runner_DoesNotNeedTheForecastRepository()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        Directory.Delete(_run.Repo, recursive: true);

        RunTasks(0, 1);
        _run.Stage("output").ShouldBe(0, _run.Log.ToString());
    }

    [Fact]
    public void Builder_BadYaml_ExitsThree_AndWritesNothing()
    {
        _run.EditConfig("modelset.yml", text => text + "\n  calibration: [unclosed\n");

        _run.Stage("builder").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("modelset.yml:");
        Directory.Exists(_run.RunFolder).ShouldBeFalse();
    }

    [Fact]
    public void Runner_CorruptedTaskInput_ExitsThree_NamingThePath()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        var input = Path.Combine(_run.RunFolder, "builder-artifacts", "input_00000.json.gz");
        File.WriteAllBytes(input, [0x1f, 0x8b, 0x08, 0x00, 0x42, 0x42]);

        _run.Stage("runner", 0).ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("builder-artifacts/input_00000.json.gz is corrupted");
    }

    [Fact]
    public void Runner_MissingTaskIndex_ExitsThree_NamingTheVariable()
    {
        _run.Stage("runner").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("TASK_INDEX");
    }

    [Fact]
    public void Output_MissingResult_WithPartialResultsAllowed_WritesOutputsAndReportsTheIndex()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        RunTasks(0);
        _run.Set("ALLOW_PARTIAL_RESULTS", "true");

        _run.Stage("output").ShouldBe(0, _run.Log.ToString());

        File.Exists(Output(OutputFileNames.QuantilesCompartments)).ShouldBeTrue();
        File.Exists(Output(OutputFileNames.FanChart("US-MA"))).ShouldBeTrue();
        File.Exists(Output(OutputFileNames.FanChart("US-NH"))).ShouldBeFalse();
        var metadata = Metadata();
        metadata.ResultsUsed.ShouldBe(1);
        metadata.MissingResults.ShouldHaveSingleItem().Index.ShouldBe(1);
    }

    [Fact]
    public void Output_MissingResult_WithPartialResultsRefused_ExitsThree()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        RunTasks(0);
        _run.Set("ALLOW_PARTIAL_RESULTS", "false");

        _run.Stage("output").ShouldBe(StageExitCodes.BadInput);

        _run.Log.ToString().ShouldContain("tasks 1");
        Directory.Exists(Path.Combine(_run.RunFolder, "outputs")).ShouldBeFalse();
    }

    [Fact]
    public void Output_HubReferenceDateNotASaturday_ExitsThree_WithTheConfigsWords()
    {
        _run.EditConfig("output.yaml", text => text.Replace("reference_date: \"2025-04-05\"", "reference_date: \"2025-04-04\"", StringComparison.Ordinal));
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        RunTasks(0, 1);

        _run.Stage("output").ShouldBe(StageExitCodes.BadInput);

        var log = _run.Log.ToString();
        log.ShouldContain("experiments/flu-example/config/output.yaml:");
        log.ShouldContain(": output.flusight_format.reference_date: reference_date 2025-04-04 is a Friday; FluSight rounds are Saturdays: 2025-03-29 or 2025-04-05");
        log.ShouldNotContain("Parameter '");
    }

    [Fact]
    public void Output_NoResults_ExitsThree()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());

        _run.Stage("output").ShouldBe(StageExitCodes.BadInput);
    }

    [Fact]
    public void TaskSeed_IsDeterministicAndDiffersByTask()
    {
        TaskSeed.For(42, 0).ShouldBe(TaskSeed.For(42, 0));
        TaskSeed.For(42, 0).ShouldNotBe(TaskSeed.For(42, 1));
        TaskSeed.For(42, 0).ShouldNotBe(TaskSeed.For(43, 0));
    }

    [Fact]
    public void Builder_Rerun_IsHarmless()
    {
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        _run.Stage("builder").ShouldBe(0, _run.Log.ToString());
        for (var task = 0; task < Locations.Length; task++)
        {
            using var gzip = new GZipStream(File.OpenRead(Path.Combine(_run.RunFolder, "builder-artifacts", $"input_0000{task}.json.gz")), CompressionMode.Decompress);
            JsonSerializer.Deserialize(gzip, PipelineJsonContext.Default.TaskInput)!.Location.ShouldBe(Locations[task]);
        }
    }
}
