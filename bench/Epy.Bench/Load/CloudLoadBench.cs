using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Testing.Emulators;
using Epy.Orchestrator.Core.State;

namespace Epy.Bench.Load;

/// <summary>
/// Load figures of the cloud-mode service on the Firestore emulator, driven over HTTP on 127.0.0.1: events/s
/// with the latency from a push sent to the next job submitted (one push at a time, then many at once);
/// 1,000 runs in flight at once; one run of 5,000 tasks that fail on every attempt and is resumed again and
/// again. Memory (managed heap after a full collection, working set), the largest run document and the
/// writes per run document are reported.
/// </summary>
internal static class CloudLoadBench
{
    private static readonly JobState[] Life = [JobState.Running, JobState.Succeeded];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Option(args, "--runs", 1_000);
        var tasks = Option(args, "--tasks", 5_000);
        var sequential = Option(args, "--sequential-runs", 150);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {MachineLoad.Average()}"));
        await using var firestore = await EmulatorProcess.StartFirestoreAsync().ConfigureAwait(false);
        await using var service = await BenchService.StartAsync(firestore).ConfigureAwait(false);

        await DriveAsync(service, Ids(1, 20), concurrency: 1, "warm-up").ConfigureAwait(false);
        service.Store.Reset();
        await SucceedingBigRunAsync(service, tasks).ConfigureAwait(false);
        if (args.Contains("--big-run-only"))
            return 0;
        await DriveAsync(service, Ids(2, sequential), concurrency: 1, "one push at a time").ConfigureAwait(false);
        await DriveAsync(service, Ids(3, sequential * 2), concurrency: 16, "16 pushes in flight").ConfigureAwait(false);
        await ConcurrentRunsAsync(service, runs).ConfigureAwait(false);
        // Twice: memory the first one leaves behind must be pools and caches, not held by the run.
        await BigRunAsync(service, tasks, 0x5000).ConfigureAwait(false);
        await BigRunAsync(service, tasks, 0x5001).ConfigureAwait(false);
        Console.WriteLine($"load average at the end: {MachineLoad.Average()}");
        return 0;
    }

    /// <summary>Whole run lives (API start, then 6 pushes: builder, runner and output RUNNING then SUCCEEDED), <paramref name="concurrency"/> runs at once.</summary>
    private static async Task DriveAsync(BenchService service, List<RunId> runs, int concurrency, string what)
    {
        var latencies = new ConcurrentBag<double>();
        long pushes = 0;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (run, _) =>
        {
            await service.StartRunAsync(run, 10).ConfigureAwait(false);
            foreach (var stage in new[] { Stage.Builder, Stage.Runner, Stage.Output })
            {
                foreach (var state in Life)
                {
                    var sent = await service.PushAsync(new JobId(stage, run, 1), state).ConfigureAwait(false);
                    Interlocked.Increment(ref pushes);
                    if (state == JobState.Succeeded && stage != Stage.Output)
                    {
                        var next = new JobId(stage == Stage.Builder ? Stage.Runner : Stage.Output, run, 1);
                        var at = service.Jobs.SubmittedAt(next) ?? throw new InvalidOperationException($"{next} was not submitted when the push of {stage} SUCCEEDED was answered");
                        latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                    }
                }
            }
        }).ConfigureAwait(false);
        watch.Stop();
        await EnsureSucceededAsync(service, runs).ConfigureAwait(false);
        var sorted = latencies.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Firestore emulator, push over HTTP, {what}: {pushes / watch.Elapsed.TotalSeconds:N0} events/s ({pushes:N0} pushes of {runs.Count} runs in {watch.Elapsed.TotalSeconds:F1} s); push sent -> next job submitted p50 {Percentile(sorted, 0.5):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms ({sorted.Count} submits)"));
    }

    /// <summary><paramref name="count"/> runs started, then each stage's pushes sent to all of them: every run in flight at once.</summary>
    private static async Task ConcurrentRunsAsync(BenchService service, int count)
    {
        var runs = Ids(4, count);
        service.Store.Reset();
        var before = MemorySampler.Settled();
        var settled = new List<long>();
        var watch = Stopwatch.StartNew();
        long pushes = 0;
        await using (var sampler = new MemorySampler())
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = 32 };
            await Parallel.ForEachAsync(runs, options, async (run, _) => await service.StartRunAsync(run, 10).ConfigureAwait(false)).ConfigureAwait(false);
            settled.Add(MemorySampler.Settled().Heap);
            foreach (var stage in new[] { Stage.Builder, Stage.Runner, Stage.Output })
            {
                foreach (var state in Life)
                {
                    await Parallel.ForEachAsync(runs, options, async (run, _) =>
                    {
                        await service.PushAsync(new JobId(stage, run, 1), state).ConfigureAwait(false);
                        Interlocked.Increment(ref pushes);
                    }).ConfigureAwait(false);
                    settled.Add(MemorySampler.Settled().Heap);
                }
            }
            watch.Stop();
            var after = MemorySampler.Settled();
            await EnsureSucceededAsync(service, runs).ConfigureAwait(false);
            var largest = 0L;
            foreach (var run in runs.Take(50))
                largest = Math.Max(largest, await service.DocumentSizeAsync(run).ConfigureAwait(false));
            var writes = service.Store.Writes.Values.Select(q => q.Count).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} runs in flight at once (32 requests at a time): {pushes:N0} pushes + {count:N0} starts in {watch.Elapsed.TotalSeconds:F1} s ({pushes / watch.Elapsed.TotalSeconds:N0} events/s); jobs submitted {service.Jobs.Submits:N0} for {service.Jobs.DistinctJobs:N0} job ids (no duplicate submit: {service.Jobs.Submits == service.Jobs.DistinctJobs})"));
            Console.WriteLine($"  memory: heap {MemorySampler.Mib(before.Heap)} before, {string.Join(" / ", settled.Select(MemorySampler.Mib))} after the start and each of the 6 push rounds, {MemorySampler.Mib(after.Heap)} after (peak unsettled {MemorySampler.Mib(sampler.Peak.Heap)}); working set {MemorySampler.Mib(before.WorkingSet)} before, peak {MemorySampler.Mib(sampler.Peak.WorkingSet)}, {MemorySampler.Mib(after.WorkingSet)} after");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run document: {largest:N0} bytes at the end (of 1,048,576); writes per run document {writes.Average():F1} (max {writes.Max()}) for 7 events, max {service.Store.MaxWritesPerSecondOnOneDocument()} writes within one second on one document"));
        }
    }

    /// <summary>
    /// One run of <paramref name="tasks"/> tasks that succeeds, A → B → C, as Batch reports it (each job QUEUED,
    /// RUNNING, SUCCEEDED): the service's CPU for the whole life, per task. Notifications are per job, never per
    /// task, so the orchestrator's work grows with the task count only where a job's spec or a run's document does.
    /// </summary>
    private static async Task SucceedingBigRunAsync(BenchService service, int tasks)
    {
        var run = RunId.New(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero), 0x4000);
        var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await service.StartRunAsync(run, tasks).ConfigureAwait(false);
        var events = 0;
        foreach (var stage in new[] { Stage.Builder, Stage.Runner, Stage.Output })
        {
            foreach (var state in new[] { JobState.Queued, JobState.Running, JobState.Succeeded })
            {
                await service.PushAsync(new JobId(stage, run, 1), state).ConfigureAwait(false);
                events++;
            }
        }
        watch.Stop();
        self.Refresh();
        var used = self.TotalProcessorTime - cpu;
        var final = (await service.Store.GetAsync(run, default).ConfigureAwait(false))!.State;
        if (final.Status != RunStatus.Succeeded || final.TaskCount != tasks)
            throw new InvalidOperationException($"bench run {run} ended {final.Status.ToWire()} with {final.TaskCount} tasks");
        var largest = await service.DocumentSizeAsync(run).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one run of {tasks:N0} tasks succeeding A -> B -> C: {events} pushes + the start in {watch.Elapsed.TotalMilliseconds:F0} ms wall, {used.TotalMilliseconds:F0} ms CPU of this process (service and bench client); {used.TotalMilliseconds * 1000 / tasks:F1} us CPU and {watch.Elapsed.TotalMilliseconds * 1000 / tasks:F1} us wall per task; run document {largest:N0} bytes"));
    }

    /// <summary>One run of <paramref name="tasks"/> tasks whose runner fails with every task on every attempt: 10 automatic resumes, then resumes through the API until refused.</summary>
    private static async Task BigRunAsync(BenchService service, int tasks, uint suffix)
    {
        var run = RunId.New(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), suffix);
        service.Store.Reset();
        var before = MemorySampler.Settled();
        long largest = 0;
        var events = 0;
        var watch = Stopwatch.StartNew();
        await using var sampler = new MemorySampler();
        await service.StartRunAsync(run, tasks, autoResumes: 10).ConfigureAwait(false);
        await service.PushAsync(new JobId(Stage.Builder, run, 1), JobState.Running).ConfigureAwait(false);
        await service.PushAsync(new JobId(Stage.Builder, run, 1), JobState.Succeeded).ConfigureAwait(false);
        events += 2;
        var resumes = 0;
        while (true)
        {
            var state = (await service.Store.GetAsync(run, default).ConfigureAwait(false))!.State;
            if (state.Status == RunStatus.Failed)
            {
                if (resumes >= RunState.ManualResumeLimit)
                    break;
                await service.ResumeAsync(run).ConfigureAwait(false);
                resumes++;
                events++;
                continue;
            }
            var job = state.ActiveJob!.Id;
            await service.PushAsync(job, JobState.Running).ConfigureAwait(false);
            await service.PushAsync(job, JobState.Failed).ConfigureAwait(false);
            events += 2;
            largest = Math.Max(largest, await service.DocumentSizeAsync(run).ConfigureAwait(false));
        }
        watch.Stop();
        var after = MemorySampler.Settled();
        var final = (await service.Store.GetAsync(run, default).ConfigureAwait(false))!.State;
        var writes = service.Store.Writes.GetValueOrDefault(run)?.Count ?? 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"one run of {tasks:N0} tasks, every task failing on every attempt: {final.Jobs.Count} jobs ({final.AutoResumesUsed} automatic resumes, {final.ManualResumes} through the API), {events} events in {watch.Elapsed.TotalSeconds:F1} s; ends {final.Status.ToWire()} with {final.FailedTasks.Count:N0} failed tasks"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  largest run document {largest:N0} bytes ({100.0 * largest / FirestoreDocumentSize.Limit:F1}% of 1 MiB); {writes} writes to it for {events} events, max {service.Store.MaxWritesPerSecondOnOneDocument()} within one second"));
        Console.WriteLine($"  memory: heap {MemorySampler.Mib(before.Heap)} before, {MemorySampler.Mib(after.Heap)} after (peak unsettled {MemorySampler.Mib(sampler.Peak.Heap)}); working set {MemorySampler.Mib(before.WorkingSet)} before, peak {MemorySampler.Mib(sampler.Peak.WorkingSet)}");
    }

    private static async Task EnsureSucceededAsync(BenchService service, List<RunId> runs)
    {
        foreach (var run in runs)
        {
            var status = (await service.Store.GetAsync(run, default).ConfigureAwait(false))?.State.Status;
            if (status != RunStatus.Succeeded)
                throw new InvalidOperationException($"bench run {run} ended {status}");
        }
    }

    private static List<RunId> Ids(int batch, int count) =>
        [.. Enumerable.Range(0, count).Select(i => RunId.New(new DateTimeOffset(2026, 11, 24, 10, batch, 0, TimeSpan.Zero), (uint)i))];

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
