using Epy.Stages.ReferenceData;
using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class ReferenceTablesTests
{
    internal const string Locations = """
        "abbreviation","location","location_name","population","count_rate0p3","count_rate1p7"
        "US","US","US",100000000,300,1700
        "MA","25","Massachusetts",100000000,300,1700
        """;

    internal const string Codebook = """
        "location_name_epydemix","location_name","location_abbreviation","location_code","ISO"
        "United_States","United States","US","US","US"
        "United_States_Massachusetts","Massachusetts","MA","25","US-MA"
        "United_States_Alaska","Alaska","AK","02","US-AK"
        """;

    private static string? ReferenceData => TestData.SharedDataRoot is { } root ? Path.Combine(root, "epymodelingsuite", "reference-data") : null;

    [Fact]
    public void FluSightLocations_Parse_ReadsPopulationsAndCountRates()
    {
        var table = FluSightLocations.Parse(new StringReader(Locations));

        table.All.Count.ShouldBe(2);
        var ma = table.ByCode("25").ShouldNotBeNull();
        ma.Abbreviation.ShouldBe("MA");
        ma.Population.ShouldBe(1e8);
        ma.CountRates[0.3].ShouldBe(300);
        ma.CountRates[1.7].ShouldBe(1700);
        table.ByAbbreviation("US").ShouldNotBeNull().Location.ShouldBe("US");
        table.ByCode("02").ShouldBeNull();
    }

    [Fact]
    public void FluSightLocations_Parse_MissingColumn_Throws()
    {
        Should.Throw<FormatException>(() => FluSightLocations.Parse(new StringReader("abbreviation,location\nMA,25\n")));
    }

    [Fact]
    public void LocationCodebook_MapsIsoToFips_BothWays()
    {
        var codebook = LocationCodebook.Parse(Codebook, "codebook");

        codebook.CodeOf("US-MA").ShouldBe("25");
        codebook.CodeOf("US-AK").ShouldBe("02");
        codebook.IsoOf("US").ShouldBe("US");
        codebook.CodeOf("US-ZZ").ShouldBeNull();
    }

    [Fact]
    public void ObservedCounts_Parse_ReadsByLocationAndWeek()
    {
        var observed = ObservedCounts.Parse(new StringReader("geo_value,target_end_date,hospitalizations\nUS-AK,2024-10-19,1.0\nUS-AK,2024-10-26,\nUS-MA,2024-10-19,12\n"));

        observed.Count.ShouldBe(2);
        observed.TryGet("US-MA", new DateOnly(2024, 10, 19), out var value).ShouldBeTrue();
        value.ShouldBe(12);
        observed.TryGet("US-AK", new DateOnly(2024, 10, 26), out _).ShouldBeFalse();
    }

    [Fact]
    public void SharedTables_CountRates_AreTheRateThresholdsInCounts()
    {
        if (ReferenceData is not { } folder)
            return; // the shared development data is absent: nothing to cross-check
        using var reader = File.OpenText(Path.Combine(folder, "flusight_locations.csv"));
        var table = FluSightLocations.Parse(reader);
        var rates = new[] { 0, 1, 2, 3 }.Select(RateChangeRules.ForHorizon).SelectMany(t => new[] { t.Stable, t.Large }).ToArray();

        table.All.Count.ShouldBeGreaterThan(50);
        foreach (var location in table.All)
        {
            location.CountRates.Keys.Order().ShouldBe(rates.Order());
            foreach (var rate in rates)
                location.CountRates[rate].ShouldBe((long)Math.Round(location.Population * rate / 100_000), $"{location.Abbreviation} at {rate}/100k");
        }
    }

    [Fact]
    public void SharedTables_EveryCodebookLocation_IsAFluSightLocation()
    {
        if (ReferenceData is not { } folder)
            return;
        using var locations = File.OpenText(Path.Combine(folder, "flusight_locations.csv"));
        var codebook = LocationCodebook.Load(Path.Combine(folder, "location_codebook.csv"));
        var table = FluSightLocations.Parse(locations);

        codebook.CodeOf("US-MA").ShouldBe("25");
        table.ByCode(codebook.CodeOf("US-MA")!).ShouldNotBeNull().Abbreviation.ShouldBe("MA");
        codebook.Count.ShouldBeGreaterThan(50);
    }
}
