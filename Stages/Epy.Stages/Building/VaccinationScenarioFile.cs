using System.Globalization;
using Epy.Engine;
using Epy.Engine.Demography;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// Reads a vaccine scenario CSV (<c>Geography, Age, Population, Week_Ending_Sat, Coverage</c>, coverage
/// cumulative in percent) for one location. When the file has a <c>Scenario</c> column, only the rows
/// of the configured scenario are kept; otherwise the file is the scenario and the name is a label.
/// </summary>
public static class VaccinationScenarioFile
{
    private const string Field = "model.vaccination.scenario_data_path";

    /// <summary>The schedule of <paramref name="location"/> (rows whose <c>Geography</c> is its full name).</summary>
    /// <param name="config">The vaccination section.</param>
    /// <param name="forecastRepo">The folder <c>scenario_data_path</c> is relative to.</param>
    /// <param name="location">The location; its <see cref="LocationCodebookEntry.Name"/> (e.g. <c>Massachusetts</c>) selects the rows.</param>
    /// <param name="population">The location's population on the model's age groups.</param>
    /// <exception cref="ConfigValidationException">The file is missing or malformed, or has nothing for the location; the error points at <c>scenario_data_path</c>.</exception>
    public static VaccinationSchedule Load(VaccinationConfig config, string forecastRepo, LocationCodebookEntry location, Population population)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(forecastRepo);
        ArgumentNullException.ThrowIfNull(location);
        var span = config.ScenarioDataPath.Span;
        var (table, path, (geography, age, week, coverage, scenario)) = RepositoryCsv.Read(config.ScenarioDataPath, forecastRepo, Field, "vaccine scenario",
            csv => (csv.Column("Geography"), csv.Column("Age"), csv.Column("Week_Ending_Sat"), csv.Column("Coverage"), csv.IndexOf("Scenario")));

        var rows = new List<CoverageRow>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (row[geography].Trim() != location.Name)
                continue;
            if (scenario >= 0 && config.Scenario is { } wanted && row[scenario].Trim() != wanted.Value)
                continue;
            var where = $"{path} record {r + 1}";
            var band = AgeBand.TryParse(row[age])
                ?? throw BuildErrors.One(span, Field, $"{where}: age band '{row[age]}' is not a range such as '5-12 Years', '6 Months - 4 Years' or '65+ Years'");
            if (!DateOnly.TryParseExact(row[week].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw BuildErrors.One(span, Field, $"{where}: Week_Ending_Sat '{row[week]}' is not a date yyyy-MM-dd");
            if (!double.TryParse(row[coverage], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
                throw BuildErrors.One(span, Field, $"{where}: Coverage '{row[coverage]}' is not a number");
            rows.Add(new CoverageRow(band, date, percent));
        }
        if (rows.Count == 0)
        {
            var what = scenario >= 0 && config.Scenario is not null ? $" in scenario '{config.Scenario.Value}'" : "";
            throw BuildErrors.One(span, Field, $"{path} has no rows with Geography '{location.Name}' ({location.Iso}){what}");
        }
        try
        {
            return VaccinationSchedule.FromCoverage(rows, population, Field);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(span, Field, $"{path}: {e.Reason}");
        }
    }
}
