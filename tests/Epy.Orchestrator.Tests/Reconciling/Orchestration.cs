using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Runs;
using Epy.Orchestrator.Tests.Fakes;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Orchestrator.Tests.Reconciling;

/// <summary>
/// The real event path and reconciler (SQLite store, <see cref="RunEventProcessor"/>, <see cref="CommandExecutor"/>,
/// <see cref="Reconciler"/>) over a <see cref="FakeBatch"/>, on a clock the test moves (or the real one).
/// </summary>
internal sealed class Orchestration : IDisposable
{
    public const int Tasks = 4;
    private readonly TempFolder _folder = new();
    private int _events;

    public Orchestration(TimeProvider? time = null, TimeSpan? passBudget = null, TimeSpan? runBudget = null)
    {
        Time = time ?? new Microsoft.Extensions.Time.Testing.FakeTimeProvider(StoredRuns.Start);
        Store = new SqliteRunStore(new LocalDatabase(_folder.Combine("orchestrator.db")), Time);
        // Command retries wait on the real clock: a test's clock only moves when the test says so.
        var executor = new CommandExecutor(Store, Batch, Artifacts, CommandResilience.Create(TimeProvider.System), "", NullLogger<CommandExecutor>.Instance);
        Processor = new RunEventProcessor(Store, executor, Time, NullLogger<RunEventProcessor>.Instance);
        var reconciler = new Reconciler(Store, Batch, Processor, Time, NullLogger<Reconciler>.Instance);
        Reconciler = new Reconciler(Store, Batch, Processor, Time, NullLogger<Reconciler>.Instance)
        {
            PassBudget = passBudget ?? reconciler.PassBudget,
            RunBudget = runBudget ?? reconciler.RunBudget,
        };
        Service = new RunService(Store, Processor, new AnyExperimentCatalog(), RunPolicy.Default, Time, NullLogger<RunService>.Instance)
        {
            LastAttempt = new LastAttemptReader(Batch, Artifacts, new ArtifactLayout(""), NullLogger<LastAttemptReader>.Instance),
        };
    }

    public TimeProvider Time { get; }

    public FakeBatch Batch { get; } = new();

    /// <summary>The run files: <see cref="Tasks"/> tasks, and the task results a test says exist.</summary>
    public FixedTaskCount Artifacts { get; } = new(Tasks);

    /// <summary>The operations behind the API (start, cancel, resume), reading the last attempt before a resume.</summary>
    public RunService Service { get; }

    public SqliteRunStore Store { get; }

    public RunEventProcessor Processor { get; }

    public Reconciler Reconciler { get; }

    /// <summary>Moves the test's clock.</summary>
    public void Advance(TimeSpan by) => ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)Time).Advance(by);

    public async Task<RunId> CreateAsync(int sequence = 1)
    {
        var run = RunId.New(StoredRuns.Start.AddSeconds(sequence), (uint)sequence);
        var state = RunState.New(run, ExperimentId.Parse(ForecastRepo.Experiment), RunRequest.Plain("test"), Time.GetUtcNow());
        await Store.CreateAsync(new StoredRun(state, RunPolicy.Default, 0, []), null, default);
        return run;
    }

    public Task<HandledEvent> HandleAsync(RunId run, RunEvent @event) => Processor.HandleAsync(run, @event, default);

    public Task<HandledEvent> JobAsync(RunId run, JobId job, JobState state)
    {
        Batch.Set(job, state);
        return HandleAsync(run, new JobStateChanged($"batch:{++_events}", job, state));
    }

    /// <summary>A run with Stage B (runner attempt 1) running.</summary>
    public async Task<RunId> RunningTasksAsync(int sequence = 1)
    {
        var run = await CreateAsync(sequence);
        await HandleAsync(run, new RunRequested($"requested:{run}"));
        await JobAsync(run, new JobId(Stage.Builder, run, 1), JobState.Succeeded);
        await JobAsync(run, new JobId(Stage.Runner, run, 1), JobState.Running);
        (await GetAsync(run)).State.Status.ShouldBe(RunStatus.RunningTasks);
        return run;
    }

    public async Task<StoredRun> GetAsync(RunId run) => await Store.GetAsync(run, default) ?? throw new InvalidOperationException($"no run {run}");

    public Task<ReconcileReport> ReconcileAsync() => Reconciler.ReconcileAsync(TimeSpan.Zero, default);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
