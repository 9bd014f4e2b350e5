using Epy.Engine.Simulation;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using static Epy.Stages.Tests.Configs.SampleConfigs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary>
/// <c>model.simulation</c> (epymodelingsuite's <c>Simulation</c>: <c>n_sims</c> default 10,
/// <c>resample_frequency</c> default none, i.e. epydemix's daily steps): every key read with its
/// meaning, pandas rules we do not bin by refused at their line.
/// </summary>
public sealed class SimulationConfigTests
{
    private const string File = "basemodel.yml";
    private const string Section = "  simulation:\n    n_sims: 10\n    resample_frequency: W-SAT\n";

    private static BasemodelConfig Parse(string yaml)
    {
        var result = ConfigLoader.Parse(yaml, File);
        result.Errors.ShouldBeEmpty();
        return result.Document!.Basemodel!;
    }

    private static string WithSection(string section)
    {
        Basemodel.ShouldContain(Section);
        return Basemodel.Replace(Section, section, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("D", null)]
    [InlineData("W", DayOfWeek.Sunday)]
    [InlineData("W-SUN", DayOfWeek.Sunday)]
    [InlineData("W-MON", DayOfWeek.Monday)]
    [InlineData("W-SAT", DayOfWeek.Saturday)]
    public void ResampleFrequency_PandasRule_IsReadAsItsBins(string rule, DayOfWeek? weekEnd)
    {
        var model = Parse(WithSection($"  simulation:\n    n_sims: 3\n    resample_frequency: {rule}\n"));

        var settings = SimulationSettings.Of(model.Simulation);
        settings.NSims.ShouldBe(3);
        settings.Frequency.WeekEnd.ShouldBe(weekEnd);
    }

    [Theory]
    [InlineData("MS")]
    [InlineData("ME")]
    [InlineData("7D")]
    [InlineData("h")]
    [InlineData("w-sat")]
    public void ResampleFrequency_OtherRule_IsRefusedAtItsLine_NotSupportedYet(string rule)
    {
        var yaml = WithSection($"  simulation:\n    resample_frequency: {rule}\n");

        var error = ConfigLoader.Parse(yaml, File).Errors.ShouldHaveSingleItem();

        error.Line.ShouldBe(LineOf(yaml, "resample_frequency:"));
        error.Column.ShouldBe(25);
        error.Field.ShouldBe("model.simulation.resample_frequency");
        error.Message.ShouldStartWith(ConfigReader.NotSupportedYet);
        error.Message.ShouldContain("W-SAT");
    }

    [Fact]
    public void Defaults_WithoutNSimsOrResampleFrequency_TenRunsOfDailyOutputs()
    {
        var model = Parse(WithSection("  simulation:\n    resample_frequency: null\n"));

        var settings = SimulationSettings.Of(model.Simulation);
        settings.NSims.ShouldBe(10);
        settings.Frequency.ShouldBe(ResampleFrequency.Daily);
    }

    [Fact]
    public void Defaults_WithoutTheSection_AreTheSchemaDefaults()
    {
        var model = Parse(WithSection(string.Empty));

        model.Simulation.ShouldBeNull();
        SimulationSettings.Of(model.Simulation).ShouldBe(new SimulationSettings(10, ResampleFrequency.Daily));
    }

    [Fact]
    public void NSims_Zero_IsRefused()
    {
        var yaml = WithSection("  simulation:\n    n_sims: 0\n");

        var error = ConfigLoader.Parse(yaml, File).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("model.simulation.n_sims");
        error.Line.ShouldBe(LineOf(yaml, "n_sims: 0"));
    }
}
