using System.Globalization;
using System.Text;
using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Stages.Configs;
using Epy.Stages.Pipeline;

namespace Epy.Stages.Aggregation;

/// <summary>
/// Stage B for one aggregation task (one location): reads, for every source, that run's results for the
/// location (sampling rows merged into one set, as Stage C merges them), combines them with
/// <see cref="TrajectoryAggregator"/>, and writes the aggregate as a result in the projection's shape.
/// The sources' runs are finished and never written again, so a retried task reads the same results;
/// the aggregation config comes from the input's own copy.
/// </summary>
public static class AggregationRunner
{
    /// <summary>Runs aggregation task <paramref name="input"/>; returns its result.</summary>
    public static async Task<TaskResult> RunAsync(StageContext context, TaskInput input, string inputPath, long startedTimestamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = context.Run;
        if (input.Sources is not { Count: > 0 } sources)
            throw StageException.BadInput($"{inputPath}: an aggregation task without sources");
        var config = LoadConfig(input, run.Config(string.Empty).TrimEnd('/'), inputPath).Aggregation;

        var parts = new List<WeightedProjection>();
        foreach (var source in sources)
            parts.Add(await ReadSourceAsync(run, input, source, cancellationToken).ConfigureAwait(false));
        Projection projection;
        try
        {
            projection = TrajectoryAggregator.Combine(parts, config.Method.Value, Choice(config.Compartments), Choice(config.Transitions), input.Seed);
        }
        catch (ArgumentException e)
        {
            throw StageException.BadInput($"aggregation task {input.TaskIndex} ({input.Location}): {e.Message}", e);
        }

        var elapsed = context.Time.GetElapsedTime(startedTimestamp).TotalSeconds;
        var document = new TaskResult(TaskInput.CurrentSchema, input.TaskIndex, TaskKind.Aggregation, input.Location, input.Seed, null, null,
            JsonDocument.Parse(projection.ToJson()).RootElement.Clone(), elapsed);
        await run.WriteAsync(run.Paths.TaskResult(input.TaskIndex), RunFolder.GzipJson(document, PipelineJsonContext.Default.TaskResult), cancellationToken).ConfigureAwait(false);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"runner: task {input.TaskIndex} (aggregation, {input.Location}) seed {input.Seed}: {projection.Trajectories.Count} trajectories from {string.Join(" + ", parts.Select(p => $"{p.Name} ({p.Projection.Trajectories.Count})"))} in {elapsed:F1} s");
        await run.WriteAsync(run.Summary(string.Create(CultureInfo.InvariantCulture, $"runner_{input.TaskIndex:D5}.txt")), Encoding.UTF8.GetBytes(line + "\n"), cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine(line);
        return document;
    }

    private static SeriesChoice Choice(OutputSelection selection) => new(selection.All, [.. selection.Names.Select(n => n.Value)]);

    private static async Task<WeightedProjection> ReadSourceAsync(RunFolder run, TaskInput input, AggregationSourceInput source, CancellationToken cancellationToken)
    {
        if (!ExperimentId.TryParse(source.ExpId, out var expId, out _) || !RunId.TryParse(source.RunId, out var runId) || source.Tasks.Count == 0)
            throw StageException.BadInput($"aggregation task {input.TaskIndex}: source '{source.ExpId}' run '{source.RunId}' is malformed in its input");
        var folder = new RunFolder(run.Store, new ArtifactPaths(run.Paths.DirPrefix, expId, runId));
        var name = $"{expId} run {runId}";
        var projections = new List<Projection>();
        foreach (var task in source.Tasks)
        {
            var path = folder.Paths.TaskResult(task);
            var result = await folder.ReadJsonGzAsync(path, PipelineJsonContext.Default.TaskResult, cancellationToken).ConfigureAwait(false);
            if (result.Location != input.Location)
                throw StageException.BadInput($"{path} is a result for {result.Location}, not {input.Location}");
            try
            {
                projections.Add(Projection.FromJson(result.Projection.GetRawText()));
            }
            catch (JsonException e)
            {
                throw StageException.BadInput($"{path}: its projection is malformed: {e.Message}", e);
            }
        }
        var first = projections[0];
        if (projections.Any(p => !p.Compartments.SequenceEqual(first.Compartments) || !p.Flows.SequenceEqual(first.Flows) || !p.AgeGroups.SequenceEqual(first.AgeGroups)))
            throw StageException.BadInput($"the results of {input.Location} in {name} are of different models");
        // Sampled rows each start on their own date, so their grids differ: they are pooled on the union of
        // their weeks, a week a row lacks counting 0 for it (the rule the aggregator applies between sources).
        var weeks = projections.SelectMany(p => p.Weeks).Distinct().Order().ToArray();
        var merged = first with { Weeks = weeks, Trajectories = [.. projections.SelectMany(p => OnGrid(p, weeks))] };
        return new WeightedProjection(name, merged, source.Weight);
    }

    /// <summary>The trajectories of <paramref name="projection"/> laid on <paramref name="weeks"/> (a superset of its own), zero where it has no week.</summary>
    private static IEnumerable<ProjectedTrajectory> OnGrid(Projection projection, DateOnly[] weeks)
    {
        if (projection.Weeks.SequenceEqual(weeks))
            return projection.Trajectories;
        var ages = projection.AgeGroups.Count;
        var compartmentCells = projection.Compartments.Count * ages;
        var flowCells = projection.Flows.Count * ages;
        var at = projection.Weeks.Select(w => Array.BinarySearch(weeks, w)).ToArray();
        return projection.Trajectories.Select(t =>
        {
            var compartments = new double[weeks.Length * compartmentCells];
            var flows = new double[weeks.Length * flowCells];
            for (var w = 0; w < at.Length; w++)
            {
                Array.Copy(t.Compartments, w * compartmentCells, compartments, at[w] * compartmentCells, compartmentCells);
                Array.Copy(t.Flows, w * flowCells, flows, at[w] * flowCells, flowCells);
            }
            return t with { Compartments = compartments, Flows = flows };
        });
    }

    /// <summary>The aggregation config from the input's copies, each checked against its digest.</summary>
    private static AggregationExperiment LoadConfig(TaskInput input, string configFolder, string path)
    {
        var files = TaskConfig.CheckedFiles(input.Configs, path);
        return AggregationLoader.FromFiles(input.ExpId, configFolder, files);
    }
}
