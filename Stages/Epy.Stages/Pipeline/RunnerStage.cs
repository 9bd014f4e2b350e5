using System.Globalization;
using System.Text;
using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Contracts.Reading;
using Epy.Engine;
using Epy.Engine.Calibration;
using Epy.Engine.Simulation;
using Epy.Stages.Aggregation;
using Epy.Stages.Building;
using Epy.Stages.Configs;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage B: one task. Reads its self-contained input, builds the location's model from it alone (never
/// the forecast repository, epydemix-data or another run file), calibrates and projects (or simulates
/// a sample row, or the basemodel alone, <c>model.simulation.n_sims</c> times) with the task's seed,
/// and writes its result atomically.
/// </summary>
public static class RunnerStage
{
    /// <summary>Runs task <c>TASK_INDEX</c> (else <c>BATCH_TASK_INDEX</c>); returns its result.</summary>
    public static async Task<TaskResult> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var index = settings.TaskIndex ?? throw StageException.BadInput("TASK_INDEX is not set (nor BATCH_TASK_INDEX): which task to run");
        if (settings.NumTasks is { } count && index >= count)
            throw StageException.BadInput($"TASK_INDEX: {index} is not below NUM_TASKS {count}");
        var run = context.Run;
        var started = context.Time.GetTimestamp();
        var path = run.Paths.TaskInput(index);
        var input = Read(await run.ReadGzAsync(path, InputLimits.MaxTaskInputBytes, cancellationToken).ConfigureAwait(false), path, index);
        if (input.Kind == TaskKind.Aggregation)
            return await AggregationRunner.RunAsync(context, input, path, started, cancellationToken).ConfigureAwait(false);
        var experiment = LoadExperiment(input, run.Config(string.Empty).TrimEnd('/'), path);
        // The builder held the experiment to these bounds; an input written by anything else is held to them here.
        if (WorkLimits.Check(experiment, settings.TaskMemoryBudgetMib) is { Count: > 0 } refused)
            throw new ConfigValidationException(refused);
        var model = Model(input, experiment, path);

        JsonElement? calibration = null;
        Projection projection;
        switch (input.Kind)
        {
            case TaskKind.Calibration:
                var observed = input.Observed ?? throw StageException.BadInput($"{path}: a calibration task without observations");
                var plan = CalibrationBuilder.Build(experiment, model, Checked(observed.ToSeries, path));
                var generations = plan.Options is SmcOptions smc ? smc.NumGenerations : 1;
                var result = AbcCalibration.Run(plan.Options, plan.Setup.Quantities, plan.DistanceModel, input.Seed, context.Time,
                    new GenerationLog(context.Log, index, input.Location, generations), cancellationToken);
                projection = Project(plan, result, input.Seed, SimulationSettings.WrittenFrequency(experiment.Basemodel.Simulation));
                calibration = JsonDocument.Parse(result.ToJson()).RootElement.Clone();
                break;
            case TaskKind.Sampling:
                projection = SampleRow(experiment, model, input);
                break;
            default:
                projection = Basemodel(model, input);
                break;
        }
        var elapsed = context.Time.GetElapsedTime(started).TotalSeconds;
        var document = new TaskResult(TaskInput.CurrentSchema, index, input.Kind, input.Location, input.Seed, input.SampleRow, calibration,
            JsonDocument.Parse(projection.ToJson()).RootElement.Clone(), elapsed);
        await run.WriteAsync(run.Paths.TaskResult(index), RunFolder.GzipJson(document, PipelineJsonContext.Default.TaskResult), cancellationToken).ConfigureAwait(false);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"runner: task {index} ({input.Kind.ToString().ToLowerInvariant()}, {input.Location}{(input.SampleRow is { } r ? $", row {r}" : string.Empty)}) seed {input.Seed}: {projection.Trajectories.Count} trajectories in {elapsed:F1} s");
        await run.WriteAsync(run.Summary(string.Create(CultureInfo.InvariantCulture, $"runner_{index:D5}.txt")), Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine(line);
        return document;
    }

    /// <summary>The input in <paramref name="json"/>: its schema is checked before anything else is read.</summary>
    /// <exception cref="StageException">Another schema, a malformed document or another task's input (bad input).</exception>
    public static TaskInput Read(byte[] json, string path, int index)
    {
        ArgumentNullException.ThrowIfNull(json);
        int? schema;
        try
        {
            schema = TaskInput.SchemaOf(json);
        }
        catch (JsonException e)
        {
            throw StageException.BadInput($"{path} is corrupted: {e.Message}", e);
        }
        if (schema != TaskInput.CurrentSchema)
        {
            throw StageException.BadInput(string.Create(CultureInfo.InvariantCulture,
                $"{path} has schema_version {(schema is { } v ? v.ToString(CultureInfo.InvariantCulture) : "(none)")}; epy-stage {StageContext.ProgramVersion} reads schema {TaskInput.CurrentSchema} only: build the run again with this program"));
        }
        var input = RunFolder.Deserialize(json, path, PipelineJsonContext.Default.TaskInput);
        if (input.TaskIndex != index)
            throw StageException.BadInput($"{path} is the input of task {input.TaskIndex}, not {index}");
        if (input.LocationEntry.Iso != input.Location)
            throw StageException.BadInput($"{path}: location '{input.Location}' and its codebook entry '{input.LocationEntry.Iso}' differ");
        return input;
    }

    /// <summary>The experiment from the input's configs, each checked against its digest; locations are the input's own.</summary>
    private static Experiment LoadExperiment(TaskInput input, string configFolder, string path)
    {
        var files = TaskConfig.CheckedFiles(input.Configs, path);
        return ExperimentLoader.FromFiles(input.ExpId, configFolder, files, codebook: null);
    }

    private static LocationModel Model(TaskInput input, Experiment experiment, string path)
    {
        var population = Checked(input.Population.ToPopulation, path);
        var schedule = input.Vaccination is { } weeks
            ? Checked(() => VaccinationSchedule.FromWeeks(population.AgeGroups, weeks, "vaccination"), path)
            : null;
        return ModelBuilder.ForLocation(experiment.Basemodel, input.LocationEntry, population, schedule);
    }

    /// <summary>Runs <paramref name="make"/>, an engine object from the input's copy; an engine objection is bad input naming the input.</summary>
    private static T Checked<T>(Func<T> make, string path)
    {
        try
        {
            return make();
        }
        catch (ModelValidationException e)
        {
            throw StageException.BadInput($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The plan's projection from <paramref name="result"/>; none (no trajectories) without a
    /// <c>projection</c> section, or when the generation asked for was not kept (the calibration stopped
    /// early): epymodelingsuite then keeps the calibration results alone, and the output stage says so.
    /// </summary>
    private static Projection Project(CalibrationPlan plan, CalibrationResult result, ulong seed, ResampleFrequency? frequency)
    {
        var wanted = plan.ProjectionGeneration ?? (result.Generations.Length > 0 ? result.Generations[^1].Index : -1);
        var position = Array.FindIndex(result.Generations, g => g.Index == wanted);
        return plan.ProjectionCount > 0 && position >= 0 && result.Generations[position].Count > 0
            ? Projector.Run(plan.DistanceModel, result, plan.ProjectionCount, seed, position, frequency: frequency)
            : new Projection([], [], [], [], [.. plan.Setup.Quantities.Select(q => q.Name)], []);
    }

    private static Projection SampleRow(Experiment experiment, LocationModel model, TaskInput input)
    {
        var plan = SamplingBuilder.Build(experiment, model);
        var row = input.SampleRow ?? throw StageException.BadInput($"sampling task {input.TaskIndex} has no sample_row");
        if (row >= plan.Samples.Count)
            throw StageException.BadInput($"sampling task {input.TaskIndex}: row {row} is beyond the sample set's {plan.Samples.Count} rows");
        // The sample set is rebuilt from the same configs and seed; the input's values must be the row's.
        for (var j = 0; j < plan.Samples.Dimensions.Count; j++)
        {
            var expected = input.Sample.FirstOrDefault(v => v.Name == plan.Samples.Dimensions[j].Name);
            if (expected is null || expected.Value != plan.Samples[row, j])
                throw StageException.BadInput($"sampling task {input.TaskIndex}: the input's value of '{plan.Samples.Dimensions[j].Name}' differs from the rebuilt sample set");
        }
        return SimulatedProjection.Run(plan.Compile(row), SimulationSettings.Of(experiment.Basemodel.Simulation),
            [.. plan.Samples.Dimensions.Select(d => d.Name)], [.. input.Sample.Select(v => v.Value)], input.Seed, row);
    }

    private static Projection Basemodel(LocationModel model, TaskInput input)
    {
        var timespan = model.Basemodel.Timespan;
        var start = timespan.StartDate.Date ?? throw BuildErrors.One(timespan.StartDate.Span, "model.timespan.start_date",
            "a basemodel run alone needs a fixed start date (sampled or calibrated dates need a modelset)");
        return SimulatedProjection.Run(model.Compile(start, timespan.EndDate.Value), SimulationSettings.Of(model.Basemodel.Simulation), [], [], input.Seed, 0);
    }
}
