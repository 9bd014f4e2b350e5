using Epy.Stages.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// This program's extensions to <c>output.flusight_format</c> (hub_config, team_abbr, model_abbr, samples, an
/// optional reference_date): read with their meaning, or refused at their place with file:line:column.
/// </summary>
public sealed class FlusightFormatExtensionTests
{
    private const string Trends = "    rate_trends:\n      observed_data_path: data/obs.csv\n      observed_value_column: v\n      observed_date_column: d\n      observed_location_column: l\n";

    private static FlusightFormatConfig Read(string body)
    {
        var result = ConfigLoader.Parse("output:\n  flusight_format:\n" + body, "output.yaml");
        result.Errors.ShouldBeEmpty(string.Join("\n", result.Errors));
        return result.Document!.Output!.FlusightFormat!;
    }

    private static string Refusal(string body)
    {
        var result = ConfigLoader.Parse("output:\n  flusight_format:\n" + body, "output.yaml");
        result.Errors.ShouldNotBeEmpty();
        return string.Join("\n", result.Errors);
    }

    [Fact]
    public void Extensions_AreReadWithTheirMeaning()
    {
        var hub = Read("    reference_date: 2025-12-13\n    hub_config: hubs/flusight/hub-config/\n    team_abbr: MOBS\n    model_abbr: GLEAM_FLU+2\n    samples: true\n    quantiles: [0.5, 0.25]\n");

        hub.HubConfig!.Value.ShouldBe("hubs/flusight/hub-config");
        hub.HubConfig.Span.ShouldBe(new SourceSpan("output.yaml", 4, 17));
        hub.ModelId.ShouldBe("MOBS-GLEAM_FLU+2");
        hub.WritesSamples.ShouldBeTrue();
        hub.Quantiles!.Value.ShouldBe([0.5, 0.25]);
    }

    [Fact]
    public void Extensions_Absent_MeanTheDefaults()
    {
        var hub = Read("    reference_date: 2025-12-13\n");

        hub.HubConfig.ShouldBeNull();
        hub.ModelId.ShouldBeNull();
        hub.WritesSamples.ShouldBeFalse();
        hub.Quantiles.ShouldBeNull();
    }

    [Theory]
    [InlineData("../hub-config", "output.yaml:4:17: output.flusight_format.hub_config: '../hub-config' leaves or names the forecast repository itself")]
    [InlineData("hubs/../../x", "output.yaml:4:17: output.flusight_format.hub_config: 'hubs/../../x' leaves")]
    [InlineData(".", "output.yaml:4:17: output.flusight_format.hub_config: '.' leaves or names")]
    [InlineData("/srv/hub-config", "output.yaml:4:17: output.flusight_format.hub_config: '/srv/hub-config' is an absolute path: give the folder relative to the forecast repository")]
    public void HubConfig_OutsideTheRepository_IsRefusedAtItsPlace(string folder, string expected)
    {
        Refusal($"    reference_date: 2025-12-13\n    hub_config: {folder}\n").ShouldContain(expected);
    }

    [Theory]
    [InlineData("team_abbr: MO-BS\n    model_abbr: GLEAM", "output.yaml:4:16: output.flusight_format.team_abbr: 'MO-BS' is not a hub abbreviation")]
    [InlineData("team_abbr: MOBS\n    model_abbr: ABCDEFGHIJKLMNOPQ", "output.yaml:5:17: output.flusight_format.model_abbr: 'ABCDEFGHIJKLMNOPQ' has 17 characters: a hub abbreviation has at most 16")]
    [InlineData("team_abbr: MOBS", "output.yaml:4:16: output.flusight_format.team_abbr: give model_abbr too")]
    [InlineData("model_abbr: GLEAM", "output.yaml:4:17: output.flusight_format.model_abbr: give team_abbr too")]
    public void TeamAndModel_BadOrAlone_AreRefusedAtTheirPlace(string keys, string expected)
    {
        Refusal($"    reference_date: 2025-12-13\n    {keys}\n").ShouldContain(expected);
    }

    [Fact]
    public void TeamAndModel_AtTheLimit_AreAccepted()
    {
        Read("    reference_date: 2025-12-13\n    team_abbr: ABCDEFGHIJKLMNOP\n    model_abbr: a_b+c\n").ModelId.ShouldBe("ABCDEFGHIJKLMNOP-a_b+c");
    }

    [Fact]
    public void Samples_NotABoolean_IsRefused()
    {
        Refusal("    reference_date: 2025-12-13\n    samples: 100\n").ShouldContain("output.yaml:4:14: output.flusight_format.samples: expected true or false, found '100'");
    }

    [Fact]
    public void ReferenceDate_Absent_WithRateTrends_IsLeftToTheObservations()
    {
        Read(Trends).ReferenceDate.ShouldBeNull();
    }

    [Fact]
    public void ReferenceDate_Absent_WithoutObservedData_IsRefusedNamingTheKey()
    {
        Refusal("    team_abbr: MOBS\n    model_abbr: GLEAM\n")
            .ShouldBe("output.yaml:3:5: output.flusight_format.reference_date: missing required field 'reference_date': expected a date yyyy-MM-dd "
                + "(without it the round after the last observation is taken, which needs rate_trends or rate_trends_source)");
    }
}
