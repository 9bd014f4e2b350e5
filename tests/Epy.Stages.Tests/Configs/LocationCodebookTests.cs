using Epy.Stages.ReferenceData;
using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Configs;

public sealed class LocationCodebookTests
{
    [Fact]
    public void Parse_QuotedCsv_MapsIsoToEpydemixNames()
    {
        var codebook = SampleConfigs.Codebook;

        codebook.Find("US-MA")!.EpydemixName.ShouldBe("United_States_Massachusetts");
        codebook.Find("US-MA")!.Code.ShouldBe("25");
        codebook.Find("us-ma").ShouldBeNull();
        codebook.All.Select(e => e.Iso).ShouldBe(["US", "US-MA", "US-NY"]);
    }

    [Fact]
    public void Parse_MissingIsoColumn_Throws()
    {
        Should.Throw<InvalidDataException>(() => LocationCodebook.Parse("a,b\n1,2\n", "x.csv")).Message.ShouldContain("ISO");
    }

    [SharedDataFact]
    public void Load_SharedCodebook_HasTheStatesAndDc()
    {
        var codebook = LocationCodebook.Load(Path.Combine(TestData.SharedDataRoot!, "epymodelingsuite", "reference-data", "location_codebook.csv"));

        codebook.All.Count.ShouldBe(52);
        codebook.All[0].Iso.ShouldBe(LocationCodebook.NationalIso);
        codebook.Find("US-DC").ShouldNotBeNull();
        codebook.Find(LocationCodebook.NationalIso).ShouldNotBeNull();
    }
}
