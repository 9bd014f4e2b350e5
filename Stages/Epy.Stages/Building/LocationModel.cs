using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Engine.Demography;
using Epy.Engine.Model;
using Epy.Engine.Simulation;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Building;

/// <summary>
/// A basemodel made concrete for one location: its definition, the location's population, the initial
/// conditions recipe and the vaccination schedule (already inside <see cref="Definition"/> as weekly
/// overrides of <see cref="VaccinationSchedule.DosesParameter"/>, so any start date works).
/// </summary>
/// <param name="Location">The location.</param>
/// <param name="Basemodel">The basemodel it was built from (for error locations and the timespan).</param>
/// <param name="Definition">The engine model, without sampled or calibrated parameters.</param>
/// <param name="Population">The location's population on the model's age groups.</param>
/// <param name="Initial">How compartments start.</param>
/// <param name="Vaccination">The doses schedule; null without vaccination.</param>
public sealed record LocationModel(
    LocationCodebookEntry Location,
    BasemodelConfig Basemodel,
    ModelDefinition Definition,
    Population Population,
    InitialRecipe Initial,
    VaccinationSchedule? Vaccination)
{
    /// <summary>
    /// The model of one run from <paramref name="start"/> to <paramref name="end"/>, with the run's
    /// <paramref name="parameters"/> (sampled or calibrated; <c>seasonality_min</c> also replaces the
    /// seasonality's minimum) and initial <paramref name="proportions"/> by compartment.
    /// </summary>
    /// <exception cref="ConfigValidationException">The engine rejects the model; the error points at the basemodel value.</exception>
    public CompiledModel Compile(DateOnly start, DateOnly end, IReadOnlyDictionary<string, double>? parameters = null, IReadOnlyDictionary<string, double>? proportions = null,
        SimulationOptions? options = null)
    {
        var list = Definition.Parameters.ToList();
        var seasonality = Definition.Seasonality;
        foreach (var (name, value) in parameters ?? new Dictionary<string, double>())
        {
            var index = list.FindIndex(p => p.Name == name);
            if (index >= 0)
                list[index] = Parameter.Scalar(name, value);
            else
                list.Add(Parameter.Scalar(name, value));
            if (name == EpidemicCalibrationSetup.SeasonalityMinimum && seasonality is not null)
                seasonality = seasonality with { MinValue = value };
        }
        var grid = ModelBuilder.Grid(Basemodel, start, end);
        try
        {
            var initial = Initial.Build(Definition.Compartments, Population, proportions);
            return CompiledModel.Compile(Definition with { Parameters = list, Seasonality = seasonality }, Population, grid, initial, options ?? SimulationOptions.Default);
        }
        catch (ModelValidationException e)
        {
            throw ModelFieldMap.Locate(Basemodel, e);
        }
    }
}
