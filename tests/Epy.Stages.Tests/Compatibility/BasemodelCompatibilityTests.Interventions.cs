using Epy.Engine.Model;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;
using Epy.Stages.Tests.Configs;

namespace Epy.Stages.Tests.Compatibility;

/// <summary><c>model.interventions</c>: keys, rules, school calendar, parameter scaling and override.</summary>
public sealed partial class BasemodelCompatibilityTests
{
    [Theory]
    [InlineData("layer", "contact_matrix_layer")]
    [InlineData("value", "override_value")]
    public void Interventions_OldKeyNames_AreRefusedNamingEpymodelingsuitesKey(string old, string replacement)
    {
        var error = LoadFailsOnce(WithInterventions($$"""
                - type: contact_matrix
                  contact_matrix_layer: work
                  scaling_factor: 0.9
                  start_date: "2024-12-20"
                  end_date: "2025-01-05"
                  {{old}}: 1
            """));

        error.Field.ShouldBe($"model.interventions[0].{old}");
        error.Message.ShouldContain($"'{replacement}'");
    }

    [Theory]
    [InlineData("- type: school_closure\n      scaling_factor: 0.5\n      start_date: \"2024-12-20\"", "model.interventions[0].start_date", "takes no 'start_date'")]
    [InlineData("- type: school_closure\n      scaling_factor: 0.5\n    - type: school_closure\n      scaling_factor: 0.3", "model.interventions", "at most one")]
    [InlineData("- type: contact_matrix\n      scaling_factor: 0.5\n      start_date: \"2024-12-20\"\n      end_date: \"2024-12-31\"", "model.interventions[0].contact_matrix_layer", "missing required field")]
    [InlineData("- type: contact_matrix\n      contact_matrix_layer: school\n      scaling_factor: 0.5\n      end_date: \"2024-12-31\"", "model.interventions[0].start_date", "missing required field")]
    [InlineData("- type: parameter\n      target_parameter: gamma\n      scaling_factor: 0.5\n      override_value: 0.1\n      start_date: \"2024-12-20\"\n      end_date: \"2024-12-31\"", "model.interventions[0]", "exactly one of 'scaling_factor' or 'override_value'")]
    [InlineData("- type: contact_matrix\n      contact_matrix_layer: school\n      override_value: 0.1\n      scaling_factor: 0.5\n      start_date: \"2024-12-20\"\n      end_date: \"2024-12-31\"", "model.interventions[0].override_value", "takes no 'override_value'")]
    public void Interventions_EpymodelingsuitesRules_AreEnforced(string entries, string field, string message)
    {
        var error = LoadFailsOnce(SampleConfigs.Replace(SampleConfigs.Basemodel, SchoolClosure, "    " + entries));

        error.Field.ShouldBe(field);
        error.Message.ShouldContain(message);
    }

    [Fact]
    public void SchoolClosure_ScalesTheSchoolLayerOnTheStatesCalendarAndFederalHolidays()
    {
        var model = ForMassachusetts(Load(SampleConfigs.Basemodel));

        var closures = model.Definition.ContactInterventions;

        closures.ShouldAllBe(c => c.Layer == "school" && c.ScalingFactor == 0.5);
        // Massachusetts' calendar: Thanksgiving Break ends on the Friday after Thanksgiving (2024-11-29).
        closures.ShouldContain(c => c.Name == "Thanksgiving Break" && c.End == new DateOnly(2024, 11, 29));
        // Martin Luther King Jr. Day 2025 (the third Monday of January) is a federal holiday outside any break.
        closures.ShouldContain(c => c.Start == new DateOnly(2025, 1, 20) && c.End == new DateOnly(2025, 1, 20));
        // Christmas Day falls inside Christmas Break, so it is not added again.
        closures.ShouldNotContain(c => c.Name == "Christmas Day" && c.Start.Year == 2024);
    }

    [Fact]
    public void SchoolClosure_NationalLocation_ClosesOnTheUnionOfStateBreaks()
    {
        var closures = SchoolCalendar.Closures("US", 2024, 2025);
        var massachusetts = SchoolCalendar.Closures("MA", 2024, 2025);

        closures.ShouldContain(c => c.Name == "US Combined School Closure");
        foreach (var b in massachusetts.Where(c => c.Name.Contains("Break", StringComparison.Ordinal)))
            closures.ShouldContain(c => c.Start <= b.Start && b.End <= c.End);
    }

    /// <summary>The parameter tables of <paramref name="model"/> from 2024-12-25 to 2025-02-10 with Rt = 1.5.</summary>
    private static (ParameterTables Tables, List<DateOnly> Dates) Tables(LocationModel model)
    {
        var definition = model.Definition;
        var grid = new TimeGrid(new(2024, 12, 25), new(2025, 2, 10), 1.0);
        var tables = ParameterTables.Evaluate([.. definition.Parameters, Parameter.Scalar("Rt", 1.5)], grid, 2, eigenvalue: 10.0,
            definition.ParameterOverrides, definition.Seasonality, definition.ParameterScalings);
        return (tables, [.. grid.Dates]);
    }

    [Fact]
    public void ParameterScaling_MultipliesTheSeasonalValueInTheWindow()
    {
        // epymodelingsuite applies seasonality, then scales the parameter's time series in the window;
        // the old builder replaced the parameter's expression there, dropping its seasonality, and
        // refused to scale a calibrated one.
        var basemodel = WithInterventions("""
                - type: parameter
                  target_parameter: beta
                  scaling_factor: 0.5
                  start_date: "2025-01-01"
                  end_date: "2025-01-31"
            """);
        var (scaled, dates) = Tables(ForMassachusetts(Load(basemodel)));
        var (unscaled, _) = Tables(ForMassachusetts(Load(SampleConfigs.Basemodel)));
        int inside = dates.IndexOf(new DateOnly(2025, 1, 15)) * 2, outside = dates.IndexOf(new DateOnly(2025, 2, 5)) * 2;

        scaled["beta"][inside].ShouldBe(0.5 * unscaled["beta"][inside], 1e-12);
        scaled["beta"][outside].ShouldBe(unscaled["beta"][outside], 1e-12);
        unscaled["beta"][inside].ShouldNotBe(unscaled["beta"][outside]);
    }

    [Fact]
    public void ParameterOverride_SetsTheValueInTheWindow()
    {
        var basemodel = WithInterventions("""
                - type: parameter
                  target_parameter: gamma
                  override_value: 0.05
                  start_date: "2025-01-01"
                  end_date: "2025-01-31"
            """);
        var (tables, dates) = Tables(ForMassachusetts(Load(basemodel)));

        tables["gamma"][dates.IndexOf(new DateOnly(2025, 1, 15)) * 2].ShouldBe(0.05);
        tables["gamma"][1].ShouldBe(0.25);
    }
}
