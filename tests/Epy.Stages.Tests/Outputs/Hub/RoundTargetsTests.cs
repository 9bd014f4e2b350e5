using Epy.Stages.Outputs;
using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class RoundTargetsTests
{
    private static HubConfig Small(string[]? categories = null, bool samples = true, string[]? locations = null) =>
        HubConfigReader.Parse(SmallHub.TasksJson(categories, samples, locations));

    private static HubForecast Build(HubConfig config, bool samples, params LocationResult[] locations) =>
        FluSightHub.Build(locations, FluSightHubTests.Request() with { Targets = RoundTargets.Of(config, SmallHub.Round, samples), Seed = 42 });

    [Fact]
    public void Of_ReadsTheRoundsHorizonsLevelsCategoriesSamplesAndLocations()
    {
        var targets = RoundTargets.Of(Small(), SmallHub.Round, samples: true);

        targets.Incidence!.Horizons.ShouldBe([0, 1]);
        targets.Incidence.Levels.ShouldBe([0.25, 0.5, 0.75]);
        targets.Incidence.Locations!.ShouldBe(["25"]);
        targets.RateChange!.Horizons.ShouldBe([0, 1]);
        targets.RateChange.Categories.ShouldBe(RateChangeRules.Categories);
        targets.Samples!.Horizons.ShouldBe([0, 1]);
        targets.Samples.Rule.MinSamplesPerTask.ShouldBe(2);
        targets.Samples.Rule.MaxSamplesPerTask.ShouldBe(3);
        targets.SamplesOffered.ShouldBeTrue();
        targets.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Build_TheSmallRound_DrivesTheRowsExactly()
    {
        var forecast = Build(Small(), samples: true, FluSightHubTests.Massachusetts());

        forecast.Warnings.ShouldBeEmpty();
        var rows = forecast.Rows;
        rows.Where(r => r.OutputType == "quantile").Select(r => (r.Horizon, r.OutputTypeId))
            .ShouldBe([(0, "0.25"), (0, "0.5"), (0, "0.75"), (1, "0.25"), (1, "0.5"), (1, "0.75")]);
        rows.Where(r => r.OutputType == "pmf").Select(r => r.Horizon).ShouldBe([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        var samples = rows.Where(r => r.OutputType == "sample").ToList();
        samples.Count.ShouldBe(3 * 2);
        samples.GroupBy(r => r.OutputTypeId).ShouldAllBe(s => s.Select(r => r.Horizon).SequenceEqual(new int?[] { 0, 1 }));
        samples.Select(r => r.OutputTypeId).Distinct().ShouldBe(["MA00", "MA01", "MA02"]);
        rows.Count.ShouldBe(6 + 10 + 6);
        rows.ShouldAllBe(r => r.Location == "25" && r.TargetEndDate == SmallHub.Round.AddDays(7 * r.Horizon!.Value));
    }

    [Fact]
    public void Build_TheSmallRoundsSamples_AreValidForTheHub_AndTheSameOnARerun()
    {
        var config = Small();
        var first = Build(config, samples: true, FluSightHubTests.Massachusetts());
        var again = Build(config, samples: true, FluSightHubTests.Massachusetts());

        var csv = TableFile.Csv(w => HubWriter.Write(w, first.Rows));
        var problems = SubmissionValidator.Validate(config, SubmissionTable.Parse(csv));

        problems.ShouldBeEmpty(string.Join("\n", problems));
        again.Rows.ShouldBe(first.Rows);
    }

    [Fact]
    public void Build_WithoutSamplesAsked_WritesNoSampleRows()
    {
        Build(Small(), samples: false, FluSightHubTests.Massachusetts()).Rows.ShouldNotContain(r => r.OutputType == "sample");
    }

    [Fact]
    public void Build_ALocationTheRoundDoesNotAllow_IsLeftOut_WithAWarning()
    {
        var nation = FluSightHubTests.Massachusetts() with { PrimaryId = 1, Population = "US" };

        var forecast = Build(Small(), samples: true, FluSightHubTests.Massachusetts(), nation);

        forecast.Rows.ShouldAllBe(r => r.Location == "25");
        forecast.Warnings.ShouldContain("US: location US is not one of the round's 'wk inc flu hosp' locations, left out");
    }

    [Fact]
    public void Of_ARateChangeCategoryTheRulesDoNotKnow_IsAClearError()
    {
        var error = Should.Throw<FormatException>(() => RoundTargets.Of(Small(["large_decrease", "decrease", "flat", "increase", "large_increase"]), SmallHub.Round, false));

        error.Message.ShouldBe("'wk flu hosp rate change' pmf category 'flat' is not a rate-change category this program classifies into "
            + "(large_increase, increase, stable, decrease, large_decrease)");
    }

    [Fact]
    public void Of_ARoundWithoutSamples_SaysSo()
    {
        var targets = RoundTargets.Of(Small(samples: false), SmallHub.Round, samples: true);

        targets.Samples.ShouldBeNull();
        targets.SamplesOffered.ShouldBeFalse();
    }

    [Fact]
    public void Of_TheBundledConfig_GivesTheBuiltInRows()
    {
        var bundled = HubConfigFolder.Load(HubConfigFolder.Bundled(AppContext.BaseDirectory));
        var targets = RoundTargets.Of(bundled, FluSightHubTests.Reference, samples: false);

        var fromConfig = FluSightHub.Build([FluSightHubTests.Massachusetts()], FluSightHubTests.Request() with { Targets = targets });
        var builtin = FluSightHub.Build([FluSightHubTests.Massachusetts()], FluSightHubTests.Request());

        fromConfig.Rows.ShouldBe(builtin.Rows);
        fromConfig.Warnings.ShouldBe(builtin.Warnings);
    }

    [Fact]
    public void Of_TheBundledConfig_ReadsThePeakTasksLocations_AndLeavesUnlistedOnesOut()
    {
        var bundled = HubConfigFolder.Load(HubConfigFolder.Bundled(AppContext.BaseDirectory));
        var targets = RoundTargets.Of(bundled, FluSightHubTests.Reference, samples: false);

        targets.AllowsPeaks("25").ShouldBeTrue();
        targets.AllowsPeaks("US").ShouldBeTrue();
        targets.AllowsPeaks("78").ShouldBeFalse();
        RoundTargets.Builtin.AllowsPeaks("78").ShouldBeTrue();
    }

    [Fact]
    public void Build_IntegerSampleIds_AreTheLocationsTaskNumberThenTheSample_AndValid()
    {
        var config = HubConfigReader.Parse(SmallHub.TasksJson(sampleIdType: "integer"));

        var forecast = Build(config, samples: true, FluSightHubTests.Massachusetts());

        forecast.Rows.Where(r => r.OutputType == "sample").Select(r => r.OutputTypeId).Distinct().ShouldBe(["100", "101", "102"]);
        var problems = SubmissionValidator.Validate(config, SubmissionTable.Parse(TableFile.Csv(w => HubWriter.Write(w, forecast.Rows))));
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }
}
