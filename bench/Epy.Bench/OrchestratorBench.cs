using System.Diagnostics;
using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Bench;

/// <summary>
/// Figures of the orchestrator: decisions per second of the pure state machine, and events per second
/// through the real event path on SQLite (load, decide, commit state + outbox + marker, carry out the
/// commands) with the latency from an event's arrival to the job submit it causes.
/// </summary>
internal static class OrchestratorBench
{
    private const int TasksPerRun = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Decisions();
        await SqliteEventsAsync(runs).ConfigureAwait(false);
        return 0;
    }

    /// <summary>A whole run's life (13 events) decided over and over.</summary>
    private static void Decisions()
    {
        var policy = RunPolicy.Default;
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        long decisions = 0;
        var watch = Stopwatch.StartNew();
        var n = 0;
        while (watch.Elapsed < TimeSpan.FromSeconds(3))
        {
            var run = RunId.New(now, (uint)n++);
            var state = RunState.New(run, ExperimentId.Parse("bench"), RunRequest.Plain("bench"), now);
            foreach (var e in Life(run))
            {
                state = RunMachine.Decide(state, e, policy, now).State;
                decisions++;
            }
            if (state.Status != RunStatus.Succeeded)
                throw new InvalidOperationException($"bench run ended {state.Status}");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pure core: {decisions / watch.Elapsed.TotalSeconds:N0} decisions/s ({decisions:N0} decisions of whole run lives in {watch.Elapsed.TotalSeconds:F1} s, one thread)"));
    }

    private static IEnumerable<RunEvent> Life(RunId run)
    {
        var a = new JobId(Stage.Builder, run, 1);
        var b = new JobId(Stage.Runner, run, 1);
        var c = new JobId(Stage.Output, run, 1);
        yield return new RunRequested("r");
        yield return new JobStateChanged("a1", a, JobState.Queued);
        yield return new JobStateChanged("a2", a, JobState.Running);
        yield return new JobStateChanged("a3", a, JobState.Succeeded);
        yield return new InputsCounted("n", a, TasksPerRun);
        yield return new JobStateChanged("b1", b, JobState.Queued);
        for (var i = 0; i < 5; i++)
            yield return new JobStateChanged($"b2{i}", b, JobState.Running, new TaskCounts(TasksPerRun - 2 * i - 2, 0, 2 * i + 2, 0));
        yield return new JobStateChanged("b3", b, JobState.Succeeded);
        yield return new JobStateChanged("c3", c, JobState.Succeeded);
    }

    /// <summary>Every run's job events through the real processor on a SQLite file; latency measured to the submit each final job state causes.</summary>
    private static async Task SqliteEventsAsync(int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "epy-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var database = new LocalDatabase(Path.Combine(folder, "orchestrator.db"));
            var store = new SqliteRunStore(database, TimeProvider.System);
            var jobs = new RecordingJobRunner();
            var executor = new CommandExecutor(store, jobs, new FixedArtifacts(), CommandResilience.Create(TimeProvider.System), "", NullLogger<CommandExecutor>.Instance);
            var processor = new RunEventProcessor(store, executor, TimeProvider.System, NullLogger<RunEventProcessor>.Instance);
            var now = TimeProvider.System.GetUtcNow();
            var ids = new List<RunId>();
            for (var i = 0; i < runs; i++)
            {
                var run = RunId.New(now, (uint)i);
                ids.Add(run);
                await store.CreateAsync(new StoredRun(RunState.New(run, ExperimentId.Parse("bench"), RunRequest.Plain("bench"), now), RunPolicy.Default, 0, []), null, default).ConfigureAwait(false);
            }

            var latencies = new List<double>();
            long events = 0;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            foreach (var run in ids)
            {
                foreach (var e in Life(run).Select((e, k) => Rename(e, $"{run}:{k}")))
                {
                    var start = Stopwatch.GetTimestamp();
                    var submitsBefore = jobs.Submits;
                    await processor.HandleAsync(run, e, default).ConfigureAwait(false);
                    events++;
                    if (jobs.Submits > submitsBefore)
                        latencies.Add(Stopwatch.GetElapsedTime(start, jobs.LastSubmitAt).TotalMilliseconds);
                }
            }
            watch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            foreach (var run in ids)
            {
                if ((await store.GetAsync(run, default).ConfigureAwait(false))!.State.Status != RunStatus.Succeeded)
                    throw new InvalidOperationException($"bench run {run} did not succeed");
            }
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"SQLite event path: {events / watch.Elapsed.TotalSeconds:N0} events/s wall, {events / cpu.TotalSeconds:N0} events per CPU second ({events:N0} events, {runs} runs, {watch.Elapsed.TotalSeconds:F1} s wall, {cpu.TotalSeconds:F1} s CPU, one instance, sequential)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"event received -> job submitted: p50 {Percentile(latencies, 0.50):F2} ms, p99 {Percentile(latencies, 0.99):F2} ms ({latencies.Count} submits)"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static RunEvent Rename(RunEvent e, string id) => e switch
    {
        RunRequested r => r with { EventId = id },
        JobStateChanged j => j with { EventId = id },
        InputsCounted n => n with { EventId = id },
        _ => e,
    };

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed class RecordingJobRunner : IJobRunner
    {
        public int Submits { get; private set; }

        public long LastSubmitAt { get; private set; }

        public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken)
        {
            Submits++;
            LastSubmitAt = Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        }

        public Task CancelAsync(JobId job, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken) => Task.FromResult<JobStatus?>(null);

        public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FailedTask>>([]);
    }

    private sealed class FixedArtifacts : IRunArtifacts
    {
        public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult(TasksPerRun);

        public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<int>?>(null);

        public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>([]);

        public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
    }
}
