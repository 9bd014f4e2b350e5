using System.Globalization;
using Epy.Engine;
using Epy.Engine.Demography;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// Reads <c>vaccination.preprocessed_vaccination_data_path</c>: epymodelingsuite's preprocessed
/// schedule (what <c>scenario_to_epydemix</c> / <c>smh_data_to_epydemix</c> write), one row per date
/// and location with columns <c>dates</c> (yyyy-MM-dd), <c>location</c> (ISO code, e.g. <c>US-MA</c>),
/// one column per model age group holding that day's doses, and optionally <c>scenario</c>. Rows of
/// the model's location are kept; with a scenario column, <c>vaccination.scenario</c> selects the rows
/// and is required when the file holds several scenarios. Dates without a row get no doses.
/// </summary>
internal static class PreprocessedVaccinationFile
{
    private const string Field = "model.vaccination.preprocessed_vaccination_data_path";

    /// <summary>The daily doses of <paramref name="location"/> on <paramref name="population"/>'s age groups.</summary>
    /// <exception cref="ConfigValidationException">The file is missing or malformed, lacks an age group column, or has nothing for the location.</exception>
    public static VaccinationSchedule Load(VaccinationConfig config, string forecastRepo, LocationCodebookEntry location, Population population)
    {
        var span = config.ScenarioDataPath.Span;
        var ages = population.AgeGroups;
        var (table, path, (dates, place, scenario, columns)) = RepositoryCsv.Read(config.ScenarioDataPath, forecastRepo, Field, "preprocessed vaccination",
            csv => (csv.Column("dates"), csv.Column("location"), csv.IndexOf("scenario"), ages.Select(csv.Column).ToArray()));

        var wanted = config.Scenario?.Value;
        if (scenario >= 0 && wanted is null)
        {
            var scenarios = table.Rows.Select(r => r[scenario].Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (scenarios.Count > 1)
                throw BuildErrors.One(config.Span, "model.vaccination.scenario", $"{path} holds scenarios {string.Join(", ", scenarios)}: name one with 'scenario'");
        }
        if (scenario < 0 && wanted is not null)
            throw BuildErrors.One(config.Scenario!.Span, "model.vaccination.scenario", $"{path} has no 'scenario' column to select '{wanted}' in");

        var days = new SortedDictionary<DateOnly, double[]>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (row[place].Trim() != location.Iso || (scenario >= 0 && wanted is not null && row[scenario].Trim() != wanted))
                continue;
            var where = $"{path} record {r + 1}";
            var text = row[dates].Trim();
            // pandas writes parsed dates as yyyy-MM-dd, or with a time when it kept one.
            if (!DateOnly.TryParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                throw BuildErrors.One(span, Field, $"{where}: dates '{row[dates]}' is not a date yyyy-MM-dd");
            var doses = new double[ages.Count];
            for (var k = 0; k < ages.Count; k++)
            {
                if (!double.TryParse(row[columns[k]], NumberStyles.Float, CultureInfo.InvariantCulture, out doses[k]) || !double.IsFinite(doses[k]) || doses[k] < 0)
                    throw BuildErrors.One(span, Field, $"{where}: '{row[columns[k]]}' doses for age group {ages[k]} is not a number ≥ 0");
            }
            if (!days.TryAdd(date, doses))
                throw BuildErrors.One(span, Field, $"{where}: {date:yyyy-MM-dd} appears twice for {location.Iso}");
        }
        if (days.Count == 0)
        {
            var what = wanted is not null ? $" in scenario '{wanted}'" : "";
            throw BuildErrors.One(span, Field, $"{path} has no rows with location '{location.Iso}'{what}");
        }
        try
        {
            return VaccinationSchedule.FromWeeks(ages, [.. days.Select(d => new VaccinationWeek(d.Key, d.Key, d.Value))], Field);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(span, Field, $"{path}: {e.Reason}");
        }
    }
}
