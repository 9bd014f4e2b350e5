using Epy.Engine.Calibration;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.Outputs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// Observed data as teams have it: the location formats epymodelingsuite's <c>observed_location_format</c>
/// accepts, hub target data (FIPS codes, <c>NA</c> cells) and files holding several data versions (<c>as_of</c>).
/// </summary>
public sealed class ObservedDataFormatTests : IDisposable
{
    private readonly TempForecastRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static LocationCodebookEntry Massachusetts => SampleConfigs.Codebook.Find("US-MA")!;

    /// <summary>The sample calibration whose comparison also has <paramref name="extraKeys"/> (YAML lines at the comparison's indentation).</summary>
    private static string Modelset(params string[] extraKeys) => extraKeys.Length == 0
        ? SampleConfigs.Calibration
        : SampleConfigs.Replace(SampleConfigs.Calibration, "observed_value_column: value", "observed_value_column: value" + string.Concat(extraKeys.Select(k => "\n        " + k)));

    private Experiment Load(string modelset, params string[] observedLines)
    {
        _repo.Write("sir", "basemodel.yaml", SampleConfigs.Basemodel);
        _repo.Write("sir", "modelset.yaml", modelset);
        Directory.CreateDirectory(Path.Combine(_repo.Root, "data"));
        if (observedLines.Length > 0)
            File.WriteAllLines(Path.Combine(_repo.Root, "data", "obs.csv"), observedLines);
        return _repo.Load("sir");
    }

    private ObservedSeries Observed(Experiment experiment, LocationCodebookEntry? location = null) =>
        ObservedData.Load(experiment.Calibration!, experiment.Calibration!.Comparison[0], _repo.Root, location ?? Massachusetts);

    private static string[] Weekly(Func<DateOnly, int, string> row, int weeks = 4) =>
        [.. Enumerable.Range(0, weeks).Select(w => row(new DateOnly(2024, 10, 5).AddDays(7 * w), w))];

    [Fact]
    public void FluSightTargetData_ByFipsCode_ReadsTheLocationsRows_SkippingNa()
    {
        if (TestData.SharedDataRoot is not { } shared)
            return;
        var experiment = Load(Modelset("observed_location_column: location", "observed_location_format: FIPS"));
        File.Copy(Path.Combine(shared, "flusight-hub", "target-data", "target-hospital-admissions.csv"), Path.Combine(_repo.Root, "data", "obs.csv"));

        var series = Observed(experiment);

        // Massachusetts is "25"; 2024-09-21..2024-10-05 are NA in the hub's file, so the series starts a week later.
        series.First.ShouldBe(new DateOnly(2024, 10, 12));
        series.Dates[^1].ShouldBe(new DateOnly(2025, 5, 17));
        series.Values[^1].ShouldBe(30);
        series.Dates.Count.ShouldBe(32);
    }

    [Theory]
    [InlineData("ISO", "US-MA", "US-NY")]
    [InlineData("FIPS", "25", "36")]
    [InlineData("abbreviation", "MA", "NY")]
    [InlineData("name", "Massachusetts", "New York")]
    [InlineData("epydemix_population", "United_States_Massachusetts", "United_States_New_York")]
    public void EveryLocationFormat_PicksTheLocationsRows(string format, string massachusetts, string newYork)
    {
        var lines = Weekly((d, w) => $"{massachusetts},{d:yyyy-MM-dd},{w}").Concat(Weekly((d, _) => $"{newYork},{d:yyyy-MM-dd},1000"));
        var experiment = Load(Modelset("observed_location_column: where", $"observed_location_format: {format}"), ["where,date,value", .. lines]);

        var series = Observed(experiment);

        series.Values.ShouldBe([0.0, 1, 2, 3]);
    }

    [Fact]
    public void WithoutAFormat_LocationsAreIsoCodes_InTheGeoValueColumn()
    {
        var lines = Weekly((d, w) => $"US-MA,{d:yyyy-MM-dd},{w}").Concat(Weekly((d, _) => $"US-NY,{d:yyyy-MM-dd},1000"));
        var experiment = Load(Modelset(), ["geo_value,date,value", .. lines]);

        experiment.Calibration!.Comparison[0].ObservedLocationFormat.ShouldBeNull();
        Observed(experiment).Values.ShouldBe([0.0, 1, 2, 3]);
    }

    [Fact]
    public void AOneDigitFipsCode_MatchesItsZeroPaddedForm()
    {
        var alabama = new LocationCodebookEntry("US-AL", "United_States_Alabama", "Alabama", "AL", "01");
        var experiment = Load(Modelset("observed_location_column: location", "observed_location_format: FIPS"),
            ["location,date,value", .. Weekly((d, w) => $"1,{d:yyyy-MM-dd},{w}"), .. Weekly((d, _) => $"10,{d:yyyy-MM-dd},1000")]);

        Observed(experiment, alabama).Values.ShouldBe([0.0, 1, 2, 3]);
    }

    [Fact]
    public void AFormatThatMatchesNothing_SaysWhatTheColumnHolds()
    {
        var experiment = Load(Modelset("observed_location_column: location"), ["location,date,value", .. Weekly((d, w) => $"25,{d:yyyy-MM-dd},{w}")]);

        var error = Should.Throw<ConfigValidationException>(() => Observed(experiment)).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("modelset.calibration.observed_data_path");
        error.Message.ShouldContain("no observations for US-MA");
        error.Message.ShouldContain("'25'");
        error.Message.ShouldContain("observed_location_format is ISO");
    }

    [Fact]
    public void MetrocastLocationIds_AreRefusedAsNotSupportedYet_AtTheirLine()
    {
        var modelset = Modelset("observed_location_format: metrocast_location_id");

        var error = Should.Throw<ConfigValidationException>(() => Load(modelset)).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "metrocast_location_id"));
        error.Field.ShouldBe("modelset.calibration.comparison[0].observed_location_format");
        error.Message.ShouldContain(ConfigReader.NotSupportedYet);
    }

    [Fact]
    public void AnUnknownFormat_ListsTheFormats()
    {
        var modelset = Modelset("observed_location_format: zip");

        var error = Should.Throw<ConfigValidationException>(() => Load(modelset)).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(SampleConfigs.LineOf(modelset, "observed_location_format: zip"));
        error.Message.ShouldContain("ISO, FIPS, abbreviation, name, epydemix_population");
    }

    [Fact]
    public void SeveralVersions_TheNewestAsOfOfEachDateWins()
    {
        var first = Weekly((d, w) => $"US-MA,{d:yyyy-MM-dd},{w},2024-11-01");
        var revised = Weekly((d, w) => $"US-MA,{d:yyyy-MM-dd},{10 * w},2024-11-08", weeks: 2);
        var experiment = Load(Modelset(), ["geo_value,date,value,as_of", .. revised, .. first]);

        Observed(experiment).Values.ShouldBe([0.0, 10, 2, 3]);
    }

    [Fact]
    public void ARepeatedDate_WithoutAsOf_IsAnErrorNamingTheColumn()
    {
        var experiment = Load(Modelset(), ["geo_value,date,value", .. Weekly((d, w) => $"US-MA,{d:yyyy-MM-dd},{w}"), "US-MA,2024-10-12,99"]);

        var error = Should.Throw<ConfigValidationException>(() => Observed(experiment)).Errors.ShouldHaveSingleItem();

        error.Message.ShouldContain("2024-10-12 for US-MA");
        error.Message.ShouldContain("no as_of column");
    }

    [Fact]
    public void OutsideTheFittingWindow_RepeatsAndGapsDoNotMatter()
    {
        // The window is 2024-09-15..2025-05-17: a repeated and a missing week in August 2024 are cut first.
        var experiment = Load(Modelset(), ["geo_value,date,value", "US-MA,2024-08-03,5", "US-MA,2024-08-03,6", "US-MA,2024-08-17,7",
            .. Weekly((d, w) => $"US-MA,{d:yyyy-MM-dd},{w}")]);

        Observed(experiment).Values.ShouldBe([0.0, 1, 2, 3]);
    }

    [Fact]
    public void NoObservationInTheWindow_IsAnErrorAtTheWindow_SayingWhereTheDataRun()
    {
        var modelset = Modelset();
        var experiment = Load(modelset, ["geo_value,date,value", "US-MA,2024-08-03,5", "US-MA,2024-08-10,6"]);

        var error = Should.Throw<ConfigValidationException>(() => Observed(experiment)).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("modelset.calibration.fitting_window");
        error.Message.ShouldBe("US-MA: 2024-09-15..2025-05-17 holds no observation; the data run from 2024-08-03 to 2024-08-10");
    }

    [Fact]
    public void ARepeatedVersion_OrAMalformedAsOf_IsAnError()
    {
        var repeated = Load(Modelset(), ["geo_value,date,value,as_of", "US-MA,2024-10-05,1,2024-11-01", "US-MA,2024-10-05,2,2024-11-01"]);
        Should.Throw<ConfigValidationException>(() => Observed(repeated)).Message.ShouldContain("more than once with as_of 2024-11-01");

        var malformed = Load(Modelset(), ["geo_value,date,value,as_of", "US-MA,2024-10-05,1,last week"]);
        Should.Throw<ConfigValidationException>(() => Observed(malformed)).Message.ShouldContain("as_of 'last week' is not a date");
    }

    [Fact]
    public void ObservedCounts_ByFipsThroughTheCodebook_NewestVersion_AndNaSkipped()
    {
        const string csv = "date,location,value,as_of\n2025-03-01,25,10,2025-03-05\n2025-03-01,25,12,2025-03-12\n2025-03-08,25,NA,2025-03-12\n2025-03-01,99,5,2025-03-12\n";

        var counts = ObservedCounts.Parse(new StringReader(csv), "location", "date", "value", SampleConfigs.Codebook, LocationFormat.Fips);

        counts.TryGet("US-MA", new DateOnly(2025, 3, 1), out var value).ShouldBeTrue();
        value.ShouldBe(12);
        counts.TryGet("US-MA", new DateOnly(2025, 3, 8), out _).ShouldBeFalse();
        counts.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("NA", true)]
    [InlineData(" NaN ", true)]
    [InlineData("", true)]
    [InlineData("null", true)]
    [InlineData("0", false)]
    [InlineData("na", false)]
    public void MissingValue_IsWhatPandasReadsAsNaN(string cell, bool missing) => MissingValue.Is(cell).ShouldBe(missing);
}
