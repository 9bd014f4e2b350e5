using Epy.Engine;
using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>The model of one location.</summary>
public static partial class ModelBuilder
{
    /// <summary>
    /// Loads <paramref name="location"/>'s population (<c>EpydemixData.Load(dataRoot, EpydemixName, age_groups)</c>)
    /// and vaccination scenario, and builds the model and its initial conditions recipe.
    /// </summary>
    /// <param name="basemodel">The basemodel.</param>
    /// <param name="location">The location (from <see cref="Experiment.Locations"/>).</param>
    /// <param name="forecastRepo">The forecast repository's root: data paths in configs are relative to it.</param>
    /// <param name="dataRoot">An epydemix-data root (the folder holding <c>data/</c>).</param>
    /// <param name="contactMatrixSource">
    /// The location of <c>population.contact_matrix</c> (<see cref="Experiment.ContactMatrixLocation"/>): the
    /// model keeps <paramref name="location"/>'s age group sizes and takes this location's contact matrices
    /// (aggregated to the model's age groups as epydemix does for that location); null for the location's own.
    /// </param>
    /// <param name="contactMatrixDataRoot">The epydemix-data root holding <paramref name="contactMatrixSource"/>; null for <paramref name="dataRoot"/>.</param>
    /// <exception cref="ConfigValidationException">Anything that cannot be used, located in the config.</exception>
    public static LocationModel ForLocation(BasemodelConfig basemodel, LocationCodebookEntry location, string forecastRepo, string dataRoot,
        LocationCodebookEntry? contactMatrixSource = null, string? contactMatrixDataRoot = null)
    {
        ArgumentNullException.ThrowIfNull(basemodel);
        ArgumentNullException.ThrowIfNull(location);
        var population = LoadPopulation(basemodel, location, dataRoot);
        if (contactMatrixSource is not null && contactMatrixSource.Iso != location.Iso)
        {
            var contacts = LoadPopulation(basemodel, contactMatrixSource, contactMatrixDataRoot ?? dataRoot);
            population = new Population(population.Name, population.AgeGroups, population.Sizes, contacts.Layers);
        }
        var schedule = basemodel.Vaccination is { } vaccination
            ? vaccination.Preprocessed
                ? PreprocessedVaccinationFile.Load(vaccination, forecastRepo, location, population)
                : VaccinationScenarioFile.Load(vaccination, forecastRepo, location, population)
            : null;
        return ForLocation(basemodel, location, population, schedule);
    }

    /// <summary>
    /// Builds the model of <paramref name="location"/> from its population and vaccination schedule as
    /// already loaded (a task input carries both), reading no file.
    /// </summary>
    /// <param name="basemodel">The basemodel.</param>
    /// <param name="location">The location.</param>
    /// <param name="population">The location's population on the basemodel's age groups.</param>
    /// <param name="schedule">The location's doses; required when the basemodel has a <c>vaccination</c> section.</param>
    /// <exception cref="ConfigValidationException">Anything that cannot be used, located in the config.</exception>
    public static LocationModel ForLocation(BasemodelConfig basemodel, LocationCodebookEntry location, Population population, VaccinationSchedule? schedule)
    {
        ArgumentNullException.ThrowIfNull(basemodel);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(population);
        var ageGroups = basemodel.Population.AgeGroups.Select(a => a.Value).ToArray();
        if (!population.AgeGroups.SequenceEqual(ageGroups, StringComparer.Ordinal))
        {
            throw BuildErrors.One(basemodel.Population.Span, "model.population.age_groups",
                $"{location.Iso}: the population has age groups {string.Join(", ", population.AgeGroups)}, the basemodel {string.Join(", ", ageGroups)}");
        }
        var definition = Build(basemodel, schedule);
        if (SchoolClosures(basemodel, location) is { Count: > 0 } closures)
            definition = definition with { ContactInterventions = [.. closures, .. definition.ContactInterventions] };
        var initial = Initial(basemodel);
        return new LocationModel(location, basemodel, definition, population, initial, schedule);
    }

    /// <summary>
    /// The school layer's scalings of a <c>school_closure</c> intervention: one per closure of the
    /// location's school calendar (<see cref="SchoolCalendar"/>) in the years of the timespan (from the
    /// start date's year; a sampled or calibrated start reaches back five years, which adds only
    /// closures before any start the run can have).
    /// </summary>
    private static List<ContactIntervention> SchoolClosures(BasemodelConfig basemodel, LocationCodebookEntry location)
    {
        if (basemodel.Interventions.FirstOrDefault(i => i.Kind == InterventionKind.SchoolClosure) is not { } closure)
            return [];
        if (!SchoolCalendar.Locations.Contains(location.Abbreviation))
        {
            throw BuildErrors.One(closure.Span, "model.interventions",
                $"{location.Iso}: the school calendar has no location '{location.Abbreviation}'; a school_closure needs one (it covers the 50 states, DC and US)");
        }
        var end = basemodel.Timespan.EndDate.Value;
        var first = basemodel.Timespan.StartDate.Date?.Year ?? end.Year - 5;
        return [.. SchoolCalendar.Closures(location.Abbreviation, first, end.Year)
            .Select(c => new ContactIntervention(SchoolLayer, c.Start, c.End, closure.ScalingFactor!.Value, c.Name))];
    }

    private static Population LoadPopulation(BasemodelConfig basemodel, LocationCodebookEntry location, string dataRoot)
    {
        try
        {
            return EpydemixData.Load(dataRoot, location.EpydemixName, [.. basemodel.Population.AgeGroups.Select(a => a.Value)]);
        }
        catch (ModelValidationException e)
        {
            throw BuildErrors.One(basemodel.Population.Span, $"model.{e.Field}", $"{location.Iso}: {e.Reason}");
        }
    }
}
