using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class PeakSeasonTests
{
    private const string Weekly = """
        {"task_ids": {"reference_date": {"required": null, "optional": ["2025-12-06"]}, "target": {"required": null, "optional": ["wk inc flu hosp"]},
                      "horizon": {"required": null, "optional": [0]}},
         "output_type": {"quantile": {"output_type_id": {"required": [0.5]}, "value": {"type": "double", "minimum": 0}, "is_required": true}}}
        """;

    private const string Peak = """
        ,{"task_ids": {"reference_date": {"required": null, "optional": ["2025-12-06"]}, "target": {"required": null, "optional": ["peak inc flu hosp"]},
                      "horizon": {"required": null, "optional": null}},
         "output_type": {"quantile": {"output_type_id": {"required": [0.9, 0.1, 0.5]}, "value": {"type": "double", "minimum": 0}, "is_required": false}}},
        {"task_ids": {"reference_date": {"required": null, "optional": ["2025-12-06"]}, "target": {"required": null, "optional": ["peak week inc flu hosp"]},
                      "horizon": {"required": null, "optional": null}},
         "output_type": {"pmf": {"output_type_id": {"required": [WEEKS]}, "value": {"type": "double", "minimum": 0, "maximum": 1}, "is_required": false}}}
        """;

    // A round of reference date 2025-12-06: wk inc flu hosp, and (withPeak) both season targets over peakWeeks.
    internal static string Tasks(string peakWeeks = "\"2025-11-22\", \"2025-11-29\", \"2025-12-06\", \"2025-12-13\", \"2025-12-20\"", bool withPeak = true) =>
        """{"rounds": [{"round_id_from_variable": true, "round_id": "reference_date", "model_tasks": ["""
        + Weekly + (withPeak ? Peak.Replace("WEEKS", peakWeeks, StringComparison.Ordinal) : string.Empty) + "]}]}";

    private static readonly DateOnly Reference = new(2025, 12, 6);

    [Fact]
    public void Of_ARoundWithBothPeakTasks_TakesItsLevelsAndWeeks()
    {
        var season = PeakSeason.Of(HubConfigReader.Parse(Tasks()), Reference);

        season.Warnings.ShouldBeEmpty();
        season.Levels.ShouldBe([0.1, 0.5, 0.9]);
        season.Weeks.ShouldBe(SeasonFixture.Weeks);
    }

    [Fact]
    public void Of_AReferenceDateNotARound_LeavesThePeaksOut_WithAWarning()
    {
        var season = PeakSeason.Of(HubConfigReader.Parse(Tasks()), Reference.AddDays(7));

        season.Weeks.ShouldBeNull();
        season.Warnings.ShouldHaveSingleItem().ShouldContain("2025-12-13 is not a round");
    }

    [Fact]
    public void Of_ARoundWithoutPeakTasks_LeavesThemOut_WithWarnings()
    {
        var season = PeakSeason.Of(HubConfigReader.Parse(Tasks(withPeak: false)), Reference);

        season.Levels.ShouldBeNull();
        season.Weeks.ShouldBeNull();
        season.Warnings.Count.ShouldBe(2);
    }

    [Fact]
    public void Of_ASeasonTheForecastWeeksDoNotReach_LeavesThePeaksOut()
    {
        var season = PeakSeason.Of(HubConfigReader.Parse(Tasks("\"2026-11-21\", \"2026-11-28\"")), Reference);

        season.Weeks.ShouldBeNull();
        season.Warnings.ShouldHaveSingleItem().ShouldContain("does not contain the weeks forecast for 2025-12-06");
    }
}
