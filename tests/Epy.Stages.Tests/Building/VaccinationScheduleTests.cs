using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Stages.Building;

namespace Epy.Stages.Tests.Building;

public sealed class VaccinationScheduleTests
{
    private static readonly Population Massachusetts =
        EpydemixData.Load(TestData.EpydemixDataRoot, "United_States_Massachusetts", ["0-4", "5-17", "18-49", "50-64", "65+"]);

    private static readonly DateOnly Week1 = new(2024, 10, 5);

    private static CoverageRow Row(string band, DateOnly week, double percent) => new(AgeBand.TryParse(band)!, week, percent);

    [Theory]
    [InlineData("6 Months - 4 Years", 0.5, 5.0)]
    [InlineData("5-12 Years", 5.0, 13.0)]
    [InlineData("65+ Years", 65.0, AgeBand.OpenEnd)]
    [InlineData("18-49", 18.0, 50.0)]
    public void AgeBand_Parse_ReadsScenarioLabels(string label, double from, double to)
    {
        var band = AgeBand.TryParse(label).ShouldNotBeNull();
        band.From.ShouldBe(from, 1e-12);
        band.To.ShouldBe(to, 1e-12);
    }

    [Fact]
    public void FromCoverage_NewCoverage_IsSpreadOverTheWeekByOverlapWithTheGroup()
    {
        var rows = new[]
        {
            Row("6 Months - 4 Years", Week1, 0), Row("6 Months - 4 Years", Week1.AddDays(7), 10),
            Row("5-12 Years", Week1, 0), Row("5-12 Years", Week1.AddDays(7), 13),
            Row("13-17 Years", Week1, 0), Row("13-17 Years", Week1.AddDays(7), 26),
            Row("6 Months - 17 Years", Week1, 0), Row("6 Months - 17 Years", Week1.AddDays(7), 99),
        };

        var schedule = VaccinationSchedule.FromCoverage(rows, Massachusetts);

        var second = schedule.Weeks[1];
        second.First.ShouldBe(Week1.AddDays(1));
        second.Last.ShouldBe(Week1.AddDays(7));
        // 0-4: ages 0.5..5 are 4.5 of its 5 years; 5-17: 8/13 from 5-12, 5/13 from 13-17; the 6mo-17y aggregate is dropped.
        second.DosesPerDay[0].ShouldBe(Massachusetts.Sizes[0] * 0.9 * 0.10 / 7, 1e-9);
        second.DosesPerDay[1].ShouldBe(Massachusetts.Sizes[1] * (8.0 / 13 * 0.13 + 5.0 / 13 * 0.26) / 7, 1e-9);
        second.DosesPerDay[2].ShouldBe(0);
        schedule.Weeks[0].DosesPerDay.ShouldAllBe(d => d == 0);
        schedule.DosesOn(Week1.AddDays(3), 0).ShouldBe(second.DosesPerDay[0]);
        schedule.DosesOn(Week1.AddDays(8), 0).ShouldBe(0);
    }

    [Fact]
    public void FromCoverage_FallingCoverage_GivesNoNegativeDoses()
    {
        var rows = new[] { Row("65+ Years", Week1, 40), Row("65+ Years", Week1.AddDays(7), 35), Row("65+ Years", Week1.AddDays(14), 45) };

        var schedule = VaccinationSchedule.FromCoverage(rows, Massachusetts);

        schedule.Weeks[0].DosesPerDay[4].ShouldBe(Massachusetts.Sizes[4] * 0.40 / 7, 1e-9);
        schedule.Weeks[1].DosesPerDay[4].ShouldBe(0);
        schedule.Weeks[2].DosesPerDay[4].ShouldBe(Massachusetts.Sizes[4] * 0.05 / 7, 1e-9);
    }

    [Fact]
    public void FromCoverage_OverlappingBands_AreRejected()
    {
        var rows = new[] { Row("5-12 Years", Week1, 1), Row("10-20 Years", Week1, 1) };

        var error = Should.Throw<Epy.Engine.ModelValidationException>(() => VaccinationSchedule.FromCoverage(rows, Massachusetts));

        error.Reason.ShouldContain("overlap");
    }

    [Fact]
    public void DosesFor_Grid_MatchesTheDatedOverrides()
    {
        var rows = new[] { Row("18-49 Years", Week1, 5), Row("18-49 Years", Week1.AddDays(7), 9) };
        var schedule = VaccinationSchedule.FromCoverage(rows, Massachusetts);
        var grid = new TimeGrid(Week1.AddDays(-3), Week1.AddDays(10));

        var doses = schedule.DosesFor(grid);
        var tables = ParameterTables.Evaluate([VaccinationSchedule.BaseParameter], grid, 5, 1.0, schedule.Overrides());

        doses.Shape.ShouldBe(ParameterShape.PerDateAndAge);
        doses.Values.Count.ShouldBe(grid.Steps * 5);
        var fromOverrides = tables[VaccinationSchedule.DosesParameter].ToArray();
        doses.Values.Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(fromOverrides, 1e-9);
        fromOverrides.Sum().ShouldBeGreaterThan(0);
    }
}
