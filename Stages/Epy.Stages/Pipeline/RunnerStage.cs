using System.Globalization;
using System.Text;
using System.Text.Json;
using Epy.Engine.Calibration;
using Epy.Engine.Simulation;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage B: one task. Reads its input, rebuilds the location's model from the run folder's copies
/// (never the forecast repository), calibrates and projects (or simulates a sample row, or the
/// basemodel alone) with the task's seed, and writes its result atomically.
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
        var populationRoot = StageSettings.Require(settings.EpydemixDataDir, "EPYDEMIX_DATA_DIR", "the epydemix-data folder with the locations' population data");
        var run = context.Run;
        var started = context.Time.GetTimestamp();
        var input = await run.ReadJsonGzAsync(run.Paths.TaskInput(index), PipelineJsonContext.Default.TaskInput, cancellationToken).ConfigureAwait(false);
        if (input.SchemaVersion != TaskInput.CurrentSchema || input.TaskIndex != index)
            throw StageException.BadInput($"{run.Paths.TaskInput(index)}: schema {input.SchemaVersion}, task {input.TaskIndex}; expected schema {TaskInput.CurrentSchema}, task {index}");

        using var workspace = await RunWorkspace.CreateAsync(run, input.ExpId, input.Configs, input.Data, cancellationToken).ConfigureAwait(false);
        var codebook = LocationCodebook.Load(workspace.CodebookPath);
        var experiment = ExperimentLoader.Load(workspace.Root, input.ExpId, codebook, populationRoot);
        var location = codebook.Find(input.Location) ?? throw StageException.BadInput($"{run.Paths.TaskInput(index)}: location '{input.Location}' is not in the codebook");
        var model = ModelBuilder.ForLocation(experiment.Basemodel, location, workspace.Root, populationRoot);

        JsonElement? calibration = null;
        Projection projection;
        switch (input.Kind)
        {
            case TaskKind.Calibration:
                var plan = CalibrationBuilder.Build(experiment, model, workspace.Root);
                var result = AbcCalibration.Run(plan.Options, plan.Setup.Quantities, plan.DistanceModel, input.Seed, context.Time, cancellationToken);
                projection = Projector.Run(plan.DistanceModel, result, Math.Max(plan.ProjectionCount, 1), input.Seed);
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
        var compiled = plan.Compile(row);
        var daily = new Simulator(compiled).Run(input.Seed);
        return SimulatedProjection.From(compiled, daily, plan.ReferenceDate, compiled.Grid.End,
            [.. plan.Samples.Dimensions.Select(d => d.Name)], [.. input.Sample.Select(v => v.Value)], input.Seed, row);
    }

    private static Projection Basemodel(LocationModel model, TaskInput input)
    {
        var timespan = model.Basemodel.Timespan;
        var start = timespan.StartDate.Date ?? throw BuildErrors.One(timespan.StartDate.Span, "model.timespan.start_date",
            "a basemodel run alone needs a fixed start date (sampled or calibrated dates need a modelset)");
        var compiled = model.Compile(start, timespan.EndDate.Value);
        var daily = new Simulator(compiled).Run(input.Seed);
        return SimulatedProjection.From(compiled, daily, start, compiled.Grid.End, [], [], input.Seed, 0);
    }
}
