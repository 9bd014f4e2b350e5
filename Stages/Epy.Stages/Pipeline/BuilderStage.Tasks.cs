using System.Text;
using Epy.Contracts.Builder;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

/// <summary>The expansion of an experiment into tasks, and the self-contained input of each.</summary>
public static partial class BuilderStage
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Every task of <paramref name="experiment"/>, each location's model built once (which also fails early, with file:line, on what a runner would trip over).</summary>
    private static (TaskKind Kind, List<PlannedTask> Tasks) Expand(Experiment experiment, string repo, PopulationDataSearch population)
    {
        string DataRoot(LocationCodebookEntry location) => population.Find(location.EpydemixName)?.Path
            ?? throw StageException.BadInput($"no population data for {location.Iso} ({location.EpydemixName}): expected {population.Missing(location.EpydemixName)}");
        LocationModel Model(LocationCodebookEntry location) => ModelBuilder.ForLocation(experiment.Basemodel, location, repo, DataRoot(location),
            experiment.ContactMatrixLocation, experiment.ContactMatrixLocation is { } other ? DataRoot(other) : null);

        var tasks = new List<PlannedTask>();
        if (experiment.Calibration is not null)
        {
            foreach (var location in experiment.Locations)
            {
                var model = Model(location);
                var plan = CalibrationBuilder.Build(experiment, model, repo);
                tasks.Add(new PlannedTask(LocationPlan.Of(model, TaskObservations.From(plan.Setup.Observed)), null, []));
            }
            return (TaskKind.Calibration, tasks);
        }
        if (experiment.Sampling is not null)
        {
            foreach (var location in experiment.Locations)
            {
                var model = Model(location);
                var plan = SamplingBuilder.Build(experiment, model);
                var shared = LocationPlan.Of(model, null);
                for (var row = 0; row < plan.Samples.Count; row++)
                {
                    var values = plan.Samples.Dimensions.Select((d, j) => new SampleValue(d.Name, d.Target, plan.Samples[row, j])).ToArray();
                    tasks.Add(new PlannedTask(shared, row, values));
                }
            }
            return (TaskKind.Sampling, tasks);
        }
        foreach (var location in experiment.Locations.Take(1))
            tasks.Add(new PlannedTask(LocationPlan.Of(Model(location), null), null, []));
        return (TaskKind.Simulation, tasks);
    }

    private static TaskInput Input(PlannedTask task, int index, TaskKind kind, string expId, string runId, ulong seed, ulong experimentSeed, IReadOnlyList<TaskConfig> configs)
    {
        var model = task.Location.Model;
        return new TaskInput(TaskInput.CurrentSchema, index, kind, expId, runId, model.Location.Iso, model.Location, seed, experimentSeed, configs,
            task.Location.Population, model.Vaccination?.Weeks, task.Location.Observed, task.SampleRow, task.Sample);
    }

    private static string Utf8Text(byte[] bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw StageException.BadInput($"{path} is not UTF-8 text: {e.Message}", e);
        }
    }

    /// <summary>A task before it has an index: its location and, for sampling, its row.</summary>
    private sealed record PlannedTask(LocationPlan Location, int? SampleRow, IReadOnlyList<SampleValue> Sample)
    {
        public LocationCodebookEntry Entry => Location.Model.Location;
    }

    /// <summary>One location's model with the copies its inputs embed.</summary>
    private sealed record LocationPlan(LocationModel Model, TaskPopulation Population, TaskObservations? Observed)
    {
        public static LocationPlan Of(LocationModel model, TaskObservations? observed) => new(model, TaskPopulation.From(model.Population), observed);
    }
}
