using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Engine.Calibration;
using Epy.Google.Storage;
using Epy.Stages.Pipeline;
using Epy.Stages.Storage;
using Epy.Stages.Tests.Storage;

namespace Epy.Stages.Tests.Aggregation;

/// <summary>
/// A forecast repository and an artifact store (a local folder, or the fake bucket in cloud mode) with
/// source runs written by hand, so an aggregation experiment can run through the three stages in-process.
/// </summary>
public sealed class AggregationWorld : IDisposable
{
    public const string ExpId = "flu-total";
    public const string RunId = "20261201-090000-0000aaaa";

    private readonly Dictionary<string, string> _env;
    private readonly FakeGcsServer? _server;

    public AggregationWorld(bool cloud = false)
    {
        Root = Directory.CreateTempSubdirectory("epy-agg-").FullName;
        Repo = Path.Combine(Root, "forecast-repo");
        Directory.CreateDirectory(Path.Combine(Repo, "data"));
        File.Copy(Path.Combine(TestData.RepositoryRoot, "examples", "forecast-repo", "data", "location_codebook.csv"), Path.Combine(Repo, "data", "location_codebook.csv"));
        _env = new Dictionary<string, string>
        {
            ["FORECAST_REPO_DIR"] = Repo,
            ["EXP_ID"] = ExpId,
            ["RUN_ID"] = RunId,
        };
        if (cloud)
        {
            _server = new FakeGcsServer(anonymous: true) { DefaultMaxResults = 3 };
            DirPrefix = "pipeline/flu/";
            Store = new GcsArtifactStore(new StorageBucket(StorageClients.Create(_server.BaseUri), _server.Bucket, new StorageSettings(), TimeProvider.System));
            _env["EXECUTION_MODE"] = "cloud";
            _env["GCS_BUCKET"] = _server.Bucket;
            _env["STORAGE_EMULATOR_HOST"] = _server.BaseUri.ToString();
            _env["DIR_PREFIX"] = DirPrefix;
        }
        else
        {
            DirPrefix = string.Empty;
            var artifacts = Path.Combine(Root, "artifacts");
            Directory.CreateDirectory(artifacts);
            Store = new LocalArtifactStore(artifacts);
            _env["EXECUTION_MODE"] = "local";
            _env["LOCAL_DATA_PATH"] = artifacts;
        }
    }

    public string Root { get; }

    public string Repo { get; }

    public string DirPrefix { get; }

    public IArtifactStore Store { get; }

    public StringWriter Log { get; } = new();

    public RunFolder Run => Folder(ExpId, RunId);

    public RunFolder Folder(string expId, string runId) => new(Store, new ArtifactPaths(DirPrefix, ExperimentId.Parse(expId), Contracts.Runs.RunId.Parse(runId)));

    /// <summary>Writes <c>experiments/{ExpId}/config/{name}</c>; returns its full path.</summary>
    public string WriteConfig(string name, string yaml)
    {
        var folder = Path.Combine(Repo, "experiments", ExpId, "config");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>
    /// Writes a finished source run: its manifest, one result per task and, as asked, its
    /// <c>run_record.json</c> (with <paramref name="state"/>) and <c>run_metadata.json</c>.
    /// </summary>
    public async Task SeedRunAsync(string expId, string runId, TaskKind kind, IReadOnlyList<(string Location, Projection Projection)> tasks,
        string? state = "SUCCEEDED", bool metadata = true)
    {
        var run = Folder(expId, runId);
        var manifest = new BuildManifest(TaskInput.CurrentSchema, expId, runId, kind, tasks.Count,
            [.. tasks.Select((t, i) => new ManifestTask(i, BuilderStage.TaskId(i, t.Location, kind == TaskKind.Sampling ? i : null), t.Location, kind == TaskKind.Sampling ? i : null))],
            [], [], "test", new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
        await run.WriteAsync(run.Paths.Manifest, JsonSerializer.SerializeToUtf8Bytes(manifest, PipelineJsonContext.Default.BuildManifest));
        for (var i = 0; i < tasks.Count; i++)
        {
            var result = new TaskResult(TaskInput.CurrentSchema, i, kind, tasks[i].Location, 7, kind == TaskKind.Sampling ? i : null, null,
                JsonDocument.Parse(tasks[i].Projection.ToJson()).RootElement.Clone(), 0.5);
            await run.WriteAsync(run.Paths.TaskResult(i), RunFolder.GzipJson(result, PipelineJsonContext.Default.TaskResult));
        }
        if (state is not null)
            await run.WriteAsync(run.Paths.RunRecord, JsonSerializer.SerializeToUtf8Bytes(new { run_id = runId, exp_id = expId, state }));
        if (metadata)
        {
            var at = manifest.CreatedAt;
            var written = new RunMetadata(TaskInput.CurrentSchema, expId, runId, "test", kind, [], tasks.Count, tasks.Count, [], [], [], at, at, at, 1);
            await run.WriteAsync(run.Paths.RunMetadata, JsonSerializer.SerializeToUtf8Bytes(written, PipelineJsonContext.Default.RunMetadata));
        }
    }

    public int Stage(string stage, int? taskIndex = null)
    {
        var env = new Dictionary<string, string>(_env);
        if (taskIndex is { } i)
            env["TASK_INDEX"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return StageProgram.RunAsync([stage], name => env.GetValueOrDefault(name), Log, TimeProvider.System).GetAwaiter().GetResult();
    }

    /// <summary>Runs A, then every B task the manifest lists, then C; returns the first non-zero exit code, or 0.</summary>
    public async Task<int> RunAllAsync()
    {
        var code = Stage("builder");
        if (code != 0)
            return code;
        var manifest = await Run.ReadJsonAsync(Run.Paths.Manifest, PipelineJsonContext.Default.BuildManifest);
        for (var i = 0; i < manifest.TaskCount; i++)
        {
            code = Stage("runner", i);
            if (code != 0)
                return code;
        }
        return Stage("output");
    }

    public async Task<Projection> AggregatedAsync(int task)
    {
        var result = await Run.ReadJsonGzAsync(Run.Paths.TaskResult(task), PipelineJsonContext.Default.TaskResult);
        return Projection.FromJson(result.Projection.GetRawText());
    }

    /// <summary>Every object name under the aggregation run's folder.</summary>
    public async Task<List<string>> RunObjectsAsync()
    {
        var names = new List<string>();
        await foreach (var name in Store.ListAsync(Run.Paths.Root))
            names.Add(name);
        return names;
    }

    public void Dispose()
    {
        Log.Dispose();
        _server?.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
