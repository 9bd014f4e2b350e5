using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Tests.EndToEnd;

/// <summary>
/// builder → runner → output on the example repository's current-season experiment
/// (<c>flusight-2025-26</c>, round 2025-12-20), with the example's smaller test counts.
/// </summary>
public sealed class FluSightSeasonEndToEndTests(FluSightSeasonRun season) : IClassFixture<FluSightSeasonRun>
{
    private static readonly DateOnly Reference = new(2025, 12, 20);
    private static readonly DateOnly LastObserved = new(2025, 12, 13);
    private static IReadOnlyList<string> Locations => FluSightSeasonRun.Locations;

    [Fact]
    public void CurrentSeasonExperiment_WritesAllFourHospitalizationTargets_ValidForTheBundledHub()
    {
        var rows = HubRows();
        rows.Select(r => r.Target).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(new[] { HubFormat.IncidenceTarget, HubFormat.RateChangeTarget, HubFormat.PeakIncidenceTarget, HubFormat.PeakWeekTarget }.Order(StringComparer.Ordinal));
        rows.ShouldAllBe(r => r.ReferenceDate == "2025-12-20");
        var peakWeeks = PeakSeason.Of(HubConfigFolder.Load(HubConfigFolder.Bundled(AppContext.BaseDirectory)), Reference).Weeks!;
        foreach (var location in Locations)
        {
            for (var horizon = HubFormat.FirstIncidenceHorizon; horizon <= HubFormat.LastHorizon; horizon++)
            {
                var end = CsvText.Date(Reference.AddDays(7 * horizon));
                rows.Count(r => r.Is(location, HubFormat.IncidenceTarget, HubFormat.Quantile, horizon, end)).ShouldBe(23, $"{location} horizon {horizon}");
            }
            for (var horizon = 0; horizon <= HubFormat.LastHorizon; horizon++)
                rows.Count(r => r.Is(location, HubFormat.RateChangeTarget, HubFormat.Pmf, horizon, CsvText.Date(Reference.AddDays(7 * horizon)))).ShouldBe(5, $"{location} horizon {horizon}");
            rows.Count(r => r.Is(location, HubFormat.PeakIncidenceTarget, HubFormat.Quantile, null, "")).ShouldBe(23, location);
            rows.Where(r => r.Is(location, HubFormat.PeakWeekTarget, HubFormat.Pmf, null, "")).Select(r => r.OutputTypeId)
                .ShouldBe(peakWeeks.Select(CsvText.Date), location);
        }
        rows.Select(r => r.Location).Distinct().Order(StringComparer.Ordinal).ShouldBe(Locations.Order(StringComparer.Ordinal));

        var verdict = JsonSerializer.Deserialize(File.ReadAllBytes(Output(SubmissionVerdict.FileName)), PipelineJsonContext.Default.SubmissionVerdict)!;
        verdict.Valid.ShouldBeTrue(string.Join("\n", verdict.Problems));
        verdict.HubConfig.ShouldEndWith(Path.Combine("data", "flusight-hub", "hub-config"));
        verdict.ModelId.ShouldBe("Example-epy_abc");
        verdict.SubmissionFile.ShouldBe("2025-12-20-Example-epy_abc.csv");
        File.ReadAllText(Output(verdict.SubmissionFile!)).ShouldBe(GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted)));
    }

    [Fact]
    public void CurrentSeasonExperiment_SeesNoObservationAfterTheWeekBeforeItsReferenceDate()
    {
        // What each runner calibrated to: the observations embedded in its task input.
        for (var task = 0; task < Locations.Count; task++)
        {
            var dates = InputObservedDates(task);
            dates.Max().ShouldBe(LastObserved, $"task {task}");
        }
        // What the output stage read for rate changes and observed peak weeks: the builder's copy of the data.
        var copy = Path.Combine(season.Run.RunFolder, "builder-artifacts", "repo", "data", "flusight_hosp_2025-26.csv");
        var observedDates = File.ReadLines(copy).Skip(1).Select(l => DateOnly.ParseExact(l[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray();
        observedDates.Max().ShouldBe(LastObserved);
    }

    private string Output(string name) => season.Output(name);

    private DateOnly[] InputObservedDates(int task)
    {
        var path = Path.Combine(season.Run.RunFolder, "builder-artifacts", $"input_{task:D5}.json.gz");
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        var input = JsonNode.Parse(gzip)!;
        return [.. input["observed"]!["dates"]!.AsArray().Select(d => DateOnly.ParseExact(d!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    private Row[] HubRows()
    {
        var lines = GzipCsv.ReadAllText(Output(OutputFileNames.HubFormatted)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("location,reference_date,horizon,target_end_date,target,output_type,output_type_id,value");
        return [.. lines.Skip(1).Select(Row.Parse)];
    }

    private sealed record Row(string Location, string ReferenceDate, string Horizon, string TargetEndDate, string Target, string OutputType, string OutputTypeId)
    {
        public static Row Parse(string line)
        {
            var cells = line.Split(',');
            return new Row(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]);
        }

        public bool Is(string location, string target, string outputType, int? horizon, string targetEndDate) =>
            Location == location && Target == target && OutputType == outputType
            && Horizon == (horizon?.ToString(CultureInfo.InvariantCulture) ?? "") && TargetEndDate == targetEndDate;
    }
}
