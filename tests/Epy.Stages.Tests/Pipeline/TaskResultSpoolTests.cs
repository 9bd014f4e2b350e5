using System.Text.Json;
using Epy.Contracts.Builder;
using Epy.Contracts.Runs;
using Epy.Stages.Pipeline;
using Epy.Stages.Storage;
using Epy.Stages.Tests.EndToEnd;
using Epy.Stages.Tests.Outputs;

namespace Epy.Stages.Tests.Pipeline;

[Collection(SerialMemoryTests.Name)]
public sealed class TaskResultSpoolTests : IDisposable
{
    private const int Tasks = 80;
    private readonly string _root = Directory.CreateTempSubdirectory("epy-spool-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Enumerate_ManyResults_HoldsAboutOneResultAtATime()
    {
        var run = await RunWithResultsAsync(Tasks, missing: 3);
        using var spool = await TaskResultSpool.ReadAsync(run, Tasks, TaskKind.Sampling);

        var (perResult, peak, firstReleased, seen) = Measure(spool);

        seen.ShouldBe(Enumerable.Range(0, Tasks).Where(i => i != 3));
        spool.Missing.Select(m => m.Index).ShouldBe([3]);
        firstReleased.ShouldBeTrue("the first result is released once the next one is read");
        perResult.ShouldBeGreaterThan(100_000, "each result is big enough for holding all of them to show");
        // Holding every result would peak at about (Tasks - 1) results; streaming holds about one.
        peak.ShouldBeLessThan(4 * perResult);
    }

    /// <summary>
    /// The heap one result takes (from holding them all), then, streaming, the most the heap grows over a
    /// full collection while results are read; synchronous so no async state machine keeps a result alive.
    /// </summary>
    private static (long PerResult, long Peak, bool FirstReleased, List<int> Seen) Measure(TaskResultSpool spool)
    {
        var perResult = HeapPerResultWhenAllAreHeld(spool);
        var start = GC.GetTotalMemory(forceFullCollection: true);
        var peak = 0L;
        WeakReference? first = null;
        var seen = new List<int>();
        foreach (var result in spool)
        {
            first ??= new WeakReference(result);
            seen.Add(result.PrimaryId);
            if (seen.Count % 10 == 0)
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - start);
        }
        GC.Collect();
        return (perResult, peak, !first!.IsAlive, seen);
    }

    private static long HeapPerResultWhenAllAreHeld(TaskResultSpool spool)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var all = spool.ToList();
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(all);
        return held / all.Count;
    }

    private async Task<RunFolder> RunWithResultsAsync(int tasks, int? missing)
    {
        var run = new RunFolder(new LocalArtifactStore(_root), new ArtifactPaths(string.Empty, ExperimentId.Parse(ExampleRun.ExpId), RunId.Parse(ExampleRun.RunId)));
        for (var i = 0; i < tasks; i++)
        {
            if (i == missing)
                continue;
            var projection = SyntheticProjection.Build(new DateOnly(2025, 1, 4), 52, 200, (t, w) => t * w + i);
            using var json = JsonDocument.Parse(projection.ToJson());
            var result = new TaskResult(TaskInput.CurrentSchema, i, TaskKind.Sampling, "US-MA", (ulong)i, i, null, json.RootElement.Clone(), 0.5);
            await run.WriteAsync(run.Paths.TaskResult(i), RunFolder.GzipJson(result, PipelineJsonContext.Default.TaskResult));
        }
        return run;
    }
}
