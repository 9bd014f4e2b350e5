using Epy.Stages.Outputs;

namespace Epy.Stages.Tests.Outputs;

public sealed class HubFormatCheckTests
{
    private static List<HubRow> ValidRows() => [.. FluSightHub.Build([FluSightHubTests.Massachusetts()], FluSightHubTests.Request()).Rows];

    private static IReadOnlyList<string> Check(IEnumerable<HubRow> rows)
    {
        using var text = new StringWriter();
        HubWriter.Write(text, rows);
        return HubFormatCheck.Validate(new StringReader(text.ToString()));
    }

    private static List<HubRow> Replace(List<HubRow> rows, Func<HubRow, bool> which, Func<HubRow, HubRow> change)
    {
        var index = rows.FindIndex(r => which(r));
        rows[index] = change(rows[index]);
        return rows;
    }

    [Fact]
    public void Validate_BuiltForecast_HasNoErrors()
    {
        Check(ValidRows()).ShouldBeEmpty();
    }

    private static List<HubRow> WithPeaks() =>
        [.. FluSightHub.Build([FluSightHubTests.Massachusetts()], FluSightHubTests.Request() with { Peaks = FluSightHubTests.Season() }).Rows];

    [Fact]
    public void Validate_PeakRows_WithEmptyHorizonAndEndDate_HaveNoErrors()
    {
        var rows = WithPeaks();

        rows.ShouldContain(r => r.Target == HubFormat.PeakWeekTarget);
        Check(rows).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_APeakRowWithAHorizon_IsAnError()
    {
        var rows = Replace(WithPeaks(), r => r.Target == HubFormat.PeakIncidenceTarget, r => r with { Horizon = 0, TargetEndDate = r.ReferenceDate });

        Check(rows).ShouldContain(e => e.Contains("is a season target", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_APeakWeekPmfNotSummingToOne_IsAnError()
    {
        var rows = Replace(WithPeaks(), r => r.Target == HubFormat.PeakWeekTarget, r => r with { Value = r.Value + 0.5 });

        Check(rows).ShouldHaveSingleItem().ShouldContain("not 1");
    }

    [Fact]
    public void Validate_WrongColumns_IsAnError()
    {
        using var text = new StringWriter();
        HubWriter.Write(text, ValidRows());
        var csv = text.ToString().Replace(",value\n", ",val\n", StringComparison.Ordinal);

        HubFormatCheck.Validate(new StringReader(csv)).ShouldHaveSingleItem().ShouldContain("columns");
    }

    [Fact]
    public void Validate_MissingQuantileLevel_IsAnError()
    {
        var rows = ValidRows();
        rows.RemoveAt(5);
        Check(rows).ShouldHaveSingleItem().ShouldContain("22 of the 23");
    }

    [Fact]
    public void Validate_UnknownQuantileLevel_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.OutputTypeId == "0.5", r => r with { OutputTypeId = "0.51" });
        Check(rows).ShouldContain(e => e.Contains("not one of the 23", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DecreasingQuantiles_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.OutputTypeId == "0.99", r => r with { Value = 0 });
        Check(rows).ShouldHaveSingleItem().ShouldContain("below the previous");
    }

    [Fact]
    public void Validate_PmfNotSummingToOne_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.OutputTypeId == "stable", r => r with { Value = r.Value + 1e-6 });
        Check(rows).ShouldHaveSingleItem().ShouldContain("sum to");
    }

    [Fact]
    public void Validate_UnknownCategory_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.OutputTypeId == "stable", r => r with { OutputTypeId = "flat" });
        var errors = Check(rows);
        errors.ShouldContain(e => e.Contains("unknown category 'flat'", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Contains("4 of the 5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wk inc flu hosp", 4)]
    [InlineData("wk inc flu hosp", -2)]
    [InlineData("wk flu hosp rate change", -1)]
    public void Validate_HorizonOutOfRange_IsAnError(string target, int horizon)
    {
        var rows = ValidRows()
            .Where(r => r.Target == target && r.Horizon == 0)
            .Select(r => r with { Horizon = horizon, TargetEndDate = r.ReferenceDate.AddDays(7 * horizon) })
            .ToList();
        Check(rows).ShouldContain(e => e.Contains($"horizon {horizon} outside", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TargetEndDateNotFollowingTheHorizon_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.Horizon == 2, r => r with { TargetEndDate = r.TargetEndDate!.Value.AddDays(1) });
        Check(rows).ShouldHaveSingleItem().ShouldContain("reference_date + 7");
    }

    [Fact]
    public void Validate_WrongOutputTypeOrUnknownTarget_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.OutputType == "pmf", r => r with { OutputType = "quantile" });
        Check(rows).ShouldContain(e => e.Contains("takes output_type 'pmf'", StringComparison.Ordinal));
        var unknown = Replace(ValidRows(), r => r.OutputType == "pmf", r => r with { Target = "wk inc covid hosp" });
        Check(unknown).ShouldContain(e => e.Contains("unknown target", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NegativeValue_IsAnError()
    {
        var rows = Replace(ValidRows(), r => r.OutputTypeId == "0.01", r => r with { Value = -1 });
        Check(rows).ShouldContain(e => e.Contains("non-negative", StringComparison.Ordinal));
    }
}
