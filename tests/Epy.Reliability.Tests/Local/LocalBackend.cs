using System.Text;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Harness;

namespace Epy.Reliability.Tests.Local;

/// <summary>
/// Local mode: runs in a real SQLite file (each orchestrator process opens it anew, as a restarted process
/// would), files in a folder laid out like the bucket, jobs in the fast <see cref="SimulatedJobRunner"/>.
/// There is no HTTP here: notification faults, kills, contention and job failures are injected.
/// </summary>
public sealed class LocalBackend : WorldBackend
{
    private readonly string _database;
    private readonly string _bucket;
    private readonly StageEffects _stages;
    private readonly SimulatedJobRunner _jobs;
    private SqliteRunStore _observer = null!;

    public LocalBackend(WorldContext context)
    {
        Context = context;
        _database = Path.Combine(context.Folder, "state", "epy.db");
        _bucket = Path.Combine(context.Folder, "bucket");
        _stages = new StageEffects(context, DirPrefix, (path, data) =>
        {
            var file = Path.Combine(_bucket, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, data);
        });
        _jobs = new SimulatedJobRunner(context, _stages);
    }

    public override string Name => "local: SQLite, folder, in-memory job pool";

    public override IRunStore Observer => _observer;

    public override Task StartAsync()
    {
        _observer = new SqliteRunStore(new LocalDatabase(_database), Context.Time);
        return Task.CompletedTask;
    }

    public override (IRunStore Store, IJobRunner Jobs, IRunArtifacts Artifacts) NewProcess() =>
        (new SqliteRunStore(new LocalDatabase(_database), Context.Time), _jobs, new FolderRunArtifacts(_bucket));

    public override IReadOnlyList<string> JobsOf(RunId run) => [.. _jobs.Jobs.Where(job => job.Run == run).Select(job => job.Value)];

    public override int CreateRequests(string jobId) => _jobs.CreateRequests(jobId);

    public override string? RealState(string jobId) => _jobs.Find(jobId)?.State.ToBatchName();

    public override int Writes(string path) => _stages.Writes(path);

    public override string? Read(string path)
    {
        var file = Path.Combine(_bucket, path);
        return File.Exists(file) ? File.ReadAllText(file, Encoding.UTF8) : null;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
