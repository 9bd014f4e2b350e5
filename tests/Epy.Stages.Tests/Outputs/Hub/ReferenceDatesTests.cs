using Epy.Stages.Outputs.Hub;

namespace Epy.Stages.Tests.Outputs.Hub;

public sealed class ReferenceDatesTests
{
    [Theory]
    [InlineData("2025-10-11", "2025-10-18")] // a Saturday (a weekly observation): the round of the week after
    [InlineData("2025-10-12", "2025-10-18")] // Sunday
    [InlineData("2025-10-15", "2025-10-18")] // Wednesday, the submission day
    [InlineData("2025-10-17", "2025-10-18")] // Friday
    [InlineData("2025-12-27", "2026-01-03")] // across the new year
    public void After_IsTheFirstSaturdayAfterTheLastObservation(string last, string reference)
    {
        ReferenceDates.After(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateOnly.Parse(reference, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void After_LastObservationIsHorizonMinusOne()
    {
        var last = new DateOnly(2025, 10, 11);

        ReferenceDates.After(last).AddDays(-7).ShouldBe(last);
    }

    [Fact]
    public void Refusal_Saturday_IsNull()
    {
        ReferenceDates.Refusal(new DateOnly(2025, 4, 5)).ShouldBeNull();
    }

    [Fact]
    public void Refusal_NotASaturday_NamesTheDayAndTheSaturdaysAround_WithoutAParameterName()
    {
        var message = ReferenceDates.Refusal(new DateOnly(2025, 4, 4));

        message.ShouldBe("reference_date 2025-04-04 is a Friday; FluSight rounds are Saturdays: 2025-03-29 or 2025-04-05");
    }

    [Fact]
    public void Refusal_SaturdayOutsideTheRounds_NamesTheRangeAndTheNearestRound()
    {
        DateOnly[] rounds = [new(2025, 11, 22), new(2025, 11, 29), new(2025, 12, 6)];

        var message = ReferenceDates.Refusal(new DateOnly(2026, 1, 3), rounds);

        message.ShouldBe("reference_date 2026-01-03 is not a round of the hub's tasks.json (rounds run 2025-11-22 to 2025-12-06; nearest 2025-12-06)");
    }

    [Fact]
    public void Refusal_OneOfTheRounds_IsNull()
    {
        DateOnly[] rounds = [new(2025, 11, 22), new(2025, 11, 29)];

        ReferenceDates.Refusal(new DateOnly(2025, 11, 29), rounds).ShouldBeNull();
    }
}
