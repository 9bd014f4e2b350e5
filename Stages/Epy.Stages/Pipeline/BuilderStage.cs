using System.Globalization;
using System.Text;
using Epy.Contracts.Builder;
using Epy.Contracts.Reading;
using Epy.Stages.Aggregation;
using Epy.Stages.Building;
using Epy.Stages.Configs;
using Epy.Stages.ReferenceData;

namespace Epy.Stages.Pipeline;

/// <summary>
/// Stage A: loads and validates the experiment, expands it into N tasks (one per location for a
/// calibration, one per location × sample row for sampling, one for a basemodel alone), copies the
/// configs and data files into the run folder (for the output stage and the record), writes the
/// self-contained task inputs and then the manifest. Nothing is written unless the whole experiment builds.
/// The forecast repository is a local folder or a shallow clone (see <c>BuilderStage.Repository.cs</c>);
/// the runners and the output stage read only what the builder stored, never the repository.
/// </summary>
public static partial class BuilderStage
{
    /// <summary>Runs the builder; returns the manifest it wrote.</summary>
    public static async Task<BuildManifest> RunAsync(StageContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Settings;
        var (repo, origin, clone) = await OpenRepositoryAsync(context, cancellationToken).ConfigureAwait(false);
        using var cloneLifetime = clone;
        var codebookPath = settings.CodebookPath(repo);
        // An aggregation experiment models nothing itself: it needs no population data.
        if (AggregationLoader.TryLoad(repo, settings.ExpId!) is { } aggregation)
            return await AggregationBuilder.RunAsync(context, aggregation, codebookPath, origin, cancellationToken).ConfigureAwait(false);
        var population = settings.PopulationData(repo);
        var expId = settings.ExpId!;
        var experiment = LoadBounded(repo, expId, codebookPath, population, settings);
        var (kind, tasks) = Expand(experiment, repo, population);
        if (tasks.Count == 0)
            throw StageException.BadInput($"experiment '{expId}' has no location to model: name one in the modelset's population_names or the basemodel's population.name");
        if (WorkLimits.TaskRefusal(tasks.Count) is { } tooMany)
            throw StageException.BadInput($"experiment '{expId}': {tooMany}");

        var run = context.Run;
        // The data files (and a configured hub config, read here) are known before anything is written.
        var dataFiles = DataFiles(experiment, repo, codebookPath, settings.FlusightLocationsSearch(repo));
        // Every config is read and decoded before anything is written.
        var files = new List<(ArtifactDigest Copy, byte[] Bytes, TaskConfig Text)>();
        foreach (var file in experiment.Files)
        {
            var name = Path.GetFileName(file.Path);
            var bytes = await File.ReadAllBytesAsync(file.Path, cancellationToken).ConfigureAwait(false);
            var copy = new ArtifactDigest(name, $"config/{name}", RunFolder.Sha256(bytes));
            files.Add((copy, bytes, new TaskConfig(name, copy.Sha256, Utf8Text(bytes, file.Path))));
        }
        var configs = files.Select(f => f.Copy).ToList();
        var texts = files.Select(f => f.Text).ToList();
        foreach (var (copy, bytes, _) in files)
            await run.WriteOnceAsync(run.Paths.Root + copy.Path, bytes, cancellationToken).ConfigureAwait(false);
        var data = new List<ArtifactDigest>();
        foreach (var (name, source) in dataFiles)
        {
            var bytes = await ReadSourceAsync(source, name, cancellationToken).ConfigureAwait(false);
            var path = name.StartsWith("reference/", StringComparison.Ordinal) ? $"builder-artifacts/{name}" : $"builder-artifacts/repo/{name}";
            var copy = new ArtifactDigest(name, path, RunFolder.Sha256(bytes));
            await run.WriteOnceAsync(run.Paths.Root + copy.Path, bytes, cancellationToken).ConfigureAwait(false);
            data.Add(copy);
        }

        var experimentSeed = (ulong)(experiment.Basemodel.RandomSeed?.Value ?? 0);
        var runId = run.Paths.Run.ToString();
        for (var i = 0; i < tasks.Count; i++)
        {
            var input = Input(tasks[i], i, kind, expId, runId, TaskSeed.For(experimentSeed, i), experimentSeed, texts);
            await run.WriteOnceAsync(run.Paths.TaskInput(i), RunFolder.GzipJson(input, PipelineJsonContext.Default.TaskInput), cancellationToken).ConfigureAwait(false);
        }
        var manifest = new BuildManifest(TaskInput.CurrentSchema, expId, runId, kind, tasks.Count,
            [.. tasks.Select((t, i) => new ManifestTask(i, TaskId(i, t.Entry.Iso, t.SampleRow), t.Entry.Iso, t.SampleRow))],
            configs, data, StageContext.ProgramVersion, context.Time.GetUtcNow(), origin);
        // Last: its presence says every input above is complete.
        await run.WriteAsync(run.Paths.Manifest, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest, PipelineJsonContext.Default.BuildManifest), cancellationToken).ConfigureAwait(false);
        var summary = Summary(experiment, manifest, codebookPath, tasks.Select(t => t.Location.Model.Location).Distinct().Select(l => (l.Iso, population.Find(l.EpydemixName))));
        await run.WriteAsync(run.Summary("builder.txt"), Encoding.UTF8.GetBytes(summary), cancellationToken).ConfigureAwait(false);
        context.Log.WriteLine($"builder: {tasks.Count} {kind.ToString().ToLowerInvariant()} task(s) for {expId} written to {run.Paths.Root}");
        return manifest;
    }

    /// <summary>The readable id of a task.</summary>
    public static string TaskId(int index, string location, int? row) =>
        string.Create(CultureInfo.InvariantCulture, $"{index:D5}-{location}{(row is { } r ? $"-row{r}" : string.Empty)}");

    /// <summary>Every file the runners and the output stage read besides the configs: repository-relative names, or <c>reference/...</c>.</summary>
    private static List<(string Name, string Source)> DataFiles(Experiment experiment, string repo, string codebookPath, DataSearch flusightLocations)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (experiment.Calibration?.ObservedDataPath.Value is { } observed)
            names.Add(observed);
        if (experiment.Basemodel.Vaccination?.ScenarioDataPath.Value is { } scenario)
            names.Add(scenario);
        if (experiment.Output?.FlusightFormat?.RateTrends?.ObservedDataPath.Value is { } trends)
            names.Add(trends);
        if (experiment.Output?.FlusightFormat is { } hub)
            names.UnionWith(HubConfigFiles(hub, repo));
        var files = names.Select(n => (Name: n.Replace('\\', '/'), Source: Path.Combine(repo, n))).ToList();
        foreach (var (name, _) in files)
        {
            if (name.StartsWith('/') || name.Split('/').Any(s => s is ".." or "." or ""))
                throw StageException.BadInput($"data path '{name}' must be relative to the forecast repository, without '..'");
        }
        files.Add(($"reference/{RunWorkspace.Names.Codebook}", codebookPath));
        if (experiment.Output?.FlusightFormat is not null)
        {
            var table = flusightLocations.Find() ?? throw StageException.BadInput($"the output config asks for flusight_format and {flusightLocations.NotFound()}");
            files.Add(($"reference/{RunWorkspace.Names.FlusightLocations}", table.Path));
        }
        return files;
    }

    private static async Task<byte[]> ReadSourceAsync(string source, string name, CancellationToken cancellationToken)
    {
        if (!File.Exists(source))
            throw StageException.BadInput($"{source} is missing ('{name}', needed by the run)");
        await using var file = File.OpenRead(source);
        return BoundedFile.ReadAll(file, InputLimits.MaxCsvBytes)
            ?? throw StageException.BadInput(string.Create(CultureInfo.InvariantCulture, $"{source} is larger than {InputLimits.MaxCsvBytes / (1024 * 1024)} MiB, the most a data file may be ('{name}')"));
    }

    /// <summary>The experiment, loaded and held to <see cref="WorkLimits"/> before any task is planned.</summary>
    private static Experiment LoadBounded(string repo, string expId, string codebookPath, PopulationDataSearch population, StageSettings settings)
    {
        var experiment = ExperimentLoader.Load(repo, expId, LoadCodebook(codebookPath), population);
        var refused = WorkLimits.Check(experiment, settings.TaskMemoryBudgetMib);
        return refused.Count == 0 ? experiment : throw new ConfigValidationException(refused);
    }

    private static LocationCodebook LoadCodebook(string path)
    {
        if (!File.Exists(path))
            throw StageException.BadInput($"LOCATION_CODEBOOK: {path} does not exist");
        return LocationCodebook.Load(path);
    }

    private static string Summary(Experiment experiment, BuildManifest manifest, string codebookPath, IEnumerable<(string Iso, DataPlace? Root)> populations)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"experiment: {manifest.ExpId}\nrun: {manifest.RunId}\nkind: {manifest.Kind}\ntasks: {manifest.TaskCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"locations: {string.Join(", ", experiment.Locations.Select(l => l.Iso))}\n");
        foreach (var config in manifest.Configs)
            text.Append(CultureInfo.InvariantCulture, $"config: {config.Name} sha256:{config.Sha256}\n");
        text.Append(CultureInfo.InvariantCulture, $"location codebook: {codebookPath}\n");
        foreach (var (iso, root) in populations)
            text.Append(CultureInfo.InvariantCulture, $"population {iso}: {root}\n");
        if (manifest.ForecastRepo is { } source)
            text.Append(CultureInfo.InvariantCulture, $"forecast repository: {source.Repository}{(source.Ref is { } r ? $" {r}" : string.Empty)}{(source.Commit is { } c ? $" commit {c}" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"program: epy-stage {manifest.ProgramVersion}\nbuilt: {manifest.CreatedAt:O}\n");
        return text.ToString();
    }
}
