using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Orchestrator.Tests.Load;

/// <summary>
/// The orchestrator keeps nothing per run in memory: after a warm-up round, rounds of whole run lives
/// through the real event path (SQLite, commands carried out) leave the managed heap where it was.
/// Coarse on purpose (megabytes, not bytes) and not timed.
/// </summary>
[Collection(MemoryBoundGroup.Name)]
public sealed class MemoryBoundTests : IDisposable
{
    private const int RunsPerRound = 80;
    private const int TasksPerRun = 20;
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ManyRunLives_LeaveTheHeapFlat()
    {
        var store = new SqliteRunStore(new LocalDatabase(_folder.Combine("orchestrator.db")), TimeProvider.System);
        var jobs = new NoJobs();
        var executor = new CommandExecutor(store, jobs, new FixedArtifacts(), CommandResilience.Create(TimeProvider.System), "", NullLogger<CommandExecutor>.Instance);
        var processor = new RunEventProcessor(store, executor, TimeProvider.System, NullLogger<RunEventProcessor>.Instance);

        await RoundAsync(store, processor, 0);
        var after = new List<long> { Heap() };
        for (var round = 1; round <= 3; round++)
        {
            await RoundAsync(store, processor, round);
            after.Add(Heap());
        }

        jobs.Submits.ShouldBe(4 * RunsPerRound * 3);
        var growth = after[^1] - after[0];
        growth.ShouldBeLessThan(8L << 20, $"heap after each round: {string.Join(", ", after.Select(b => $"{b / 1024:N0} KiB"))}");
    }

    private static async Task RoundAsync(SqliteRunStore store, RunEventProcessor processor, int round)
    {
        var now = StoredRuns.Start.AddHours(round);
        for (var i = 0; i < RunsPerRound; i++)
        {
            var run = RunId.New(now, (uint)i);
            await store.CreateAsync(new StoredRun(RunState.New(run, ExperimentId.Parse("flu"), RunRequest.Plain("test"), now), RunPolicy.Default, 0, []), null, default);
            var k = 0;
            foreach (var e in Life(run))
                await processor.HandleAsync(run, Renamed(e, $"{run}:{k++}"), default);
            (await store.GetAsync(run, default))!.State.Status.ShouldBe(RunStatus.Succeeded);
        }
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static IEnumerable<RunEvent> Life(RunId run)
    {
        var a = new JobId(Stage.Builder, run, 1);
        var b = new JobId(Stage.Runner, run, 1);
        yield return new RunRequested("r");
        yield return new JobStateChanged("a", a, JobState.Succeeded);
        yield return new JobStateChanged("b1", b, JobState.Running, new TaskCounts(0, TasksPerRun, 0, 0));
        yield return new JobStateChanged("b2", b, JobState.Succeeded);
        yield return new JobStateChanged("c", new JobId(Stage.Output, run, 1), JobState.Succeeded);
    }

    private static RunEvent Renamed(RunEvent e, string id) => e switch
    {
        RunRequested r => r with { EventId = id },
        JobStateChanged j => j with { EventId = id },
        _ => e,
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private sealed class NoJobs : IJobRunner
    {
        private int _submits;

        public int Submits => _submits;

        public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _submits);
            return Task.CompletedTask;
        }

        public Task CancelAsync(JobId job, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken) => Task.FromResult<JobStatus?>(null);

        public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FailedTask>>([]);
    }

    private sealed class FixedArtifacts : IRunArtifacts
    {
        public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult(TasksPerRun);

        public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<int>?>(null);

        public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

        public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
    }
}
