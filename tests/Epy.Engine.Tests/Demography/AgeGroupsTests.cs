using Epy.Engine.Demography;

namespace Epy.Engine.Tests.Demography;

public class AgeGroupsTests
{
    [Fact]
    public void Parse_ReferenceGroups_CoverTheirAges()
    {
        var groups = AgeGroups.Parse(["0-4", "5-17", "18-49", "50-64", "65+"]);

        groups.ShouldBe([
            new AgeGroup("0-4", 0, 4),
            new AgeGroup("5-17", 5, 17),
            new AgeGroup("18-49", 18, 49),
            new AgeGroup("50-64", 50, 64),
            new AgeGroup("65+", 65, 84),
        ]);
        groups.Sum(g => g.Width).ShouldBe(AgeGroups.SingleYearCount);
    }

    [Fact]
    public void Parse_SingleAgesAndTheTopBucket_AreGroupsOfOne()
    {
        var groups = AgeGroups.Parse(["0", "1-82", "83", "84+"]);

        groups.ShouldBe([new AgeGroup("0", 0, 0), new AgeGroup("1-82", 1, 82), new AgeGroup("83", 83, 83), new AgeGroup("84+", 84, 84)]);
    }

    [Fact]
    public void Parse_EverySingleYear_Gives85Groups()
    {
        var labels = Enumerable.Range(0, 85).Select(AgeGroups.SingleYearLabel).ToArray();

        var groups = AgeGroups.Parse(labels);

        groups.Count.ShouldBe(85);
        groups[84].ShouldBe(new AgeGroup("84+", 84, 84));
        groups.Select(g => g.FirstAge).ShouldBe(Enumerable.Range(0, 85));
    }

    [Fact]
    public void Parse_OneOpenGroup_CoversEveryone()
    {
        AgeGroups.Parse(["0+"]).ShouldBe([new AgeGroup("0+", 0, 84)]);
    }

    [Fact]
    public void Parse_Gap_NamesTheMissingAges()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-4", "5-17", "20-49", "50+"]));

        error.Field.ShouldBe("population.age_groups[2]");
        error.Reason.ShouldBe("age groups must cover ages 0 to 84+ without gaps: 5-17 is followed by 20-49, ages 18-19 are missing");
    }

    [Fact]
    public void Parse_GapOfOneYear_NamesTheMissingAge()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-4", "6+"]));

        error.Field.ShouldBe("population.age_groups[1]");
        error.Reason.ShouldContain("0-4 is followed by 6+, age 5 is missing");
    }

    [Fact]
    public void Parse_FirstGroupAfterZero_NamesTheMissingYoungest()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["5-17", "18+"]));

        error.Field.ShouldBe("population.age_groups[0]");
        error.Reason.ShouldContain("the first group is 5-17, ages 0-4 are missing");
    }

    [Fact]
    public void Parse_Overlap_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-4", "5-17", "15-49", "50+"]));

        error.Field.ShouldBe("population.age_groups[2]");
        error.Reason.ShouldBe("age groups must be in increasing order without overlaps: 5-17 is followed by 15-49, expected the next group to start at age 18");
    }

    [Fact]
    public void Parse_DecreasingOrder_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-4", "18-49", "5-17", "50+"]));

        error.Field.ShouldBe("population.age_groups[1]");
        error.Reason.ShouldContain("0-4 is followed by 18-49, ages 5-17 are missing");
    }

    [Fact]
    public void Parse_GroupAfterTheOpenGroup_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-64", "65+", "70-74"]));

        error.Field.ShouldBe("population.age_groups[2]");
        error.Reason.ShouldContain("65+ already covers every age up to 84+");
    }

    [Fact]
    public void Parse_NoOpenGroupAtTheEnd_NamesTheMissingOldest()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-4", "5-17", "18-49", "50-64"]));

        error.Field.ShouldBe("population.age_groups");
        error.Reason.ShouldBe("age groups must cover ages 0 to 84+ without gaps: the last group is 50-64, ages 65-84+ are missing; end with an open group such as 65+");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("5-")]
    [InlineData("-5")]
    [InlineData("5--7")]
    [InlineData(" 5-7")]
    [InlineData("5.5")]
    [InlineData("+")]
    [InlineData("65 +")]
    [InlineData("")]
    public void Parse_MalformedLabel_NamesItsIndex(string label)
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-4", label, "65+"], "model.ages"));

        error.Field.ShouldBe("model.ages[1]");
    }

    [Theory]
    [InlineData("80-84")]
    [InlineData("80-90")]
    public void Parse_ClosedGroupReaching84_SuggestsTheOpenGroup(string label)
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-79", label]));

        error.Field.ShouldBe("population.age_groups[1]");
        error.Reason.ShouldContain("write 80+ instead");
    }

    [Fact]
    public void Parse_OpenGroupAbove84_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["0-83", "90+"]));

        error.Field.ShouldBe("population.age_groups[1]");
        error.Reason.ShouldContain("the oldest open group is 84+");
    }

    [Fact]
    public void Parse_ReversedRange_IsRejected()
    {
        var error = Should.Throw<ModelValidationException>(() => AgeGroups.Parse(["17-5"]));

        error.Reason.ShouldBe("age group 17-5 ends before it starts");
    }

    [Fact]
    public void Parse_NoLabels_IsRejected()
    {
        Should.Throw<ModelValidationException>(() => AgeGroups.Parse([])).Field.ShouldBe("population.age_groups");
    }
}
