using System.Diagnostics;
using Epy.Testing.Emulators;
using Epy.Reliability.Tests.Cloud;
using Epy.Reliability.Tests.Faults;
using Epy.Reliability.Tests.Harness;
using Epy.Reliability.Tests.Local;
using Xunit.Abstractions;

namespace Epy.Reliability.Tests;

/// <summary>
/// Many runs through the real orchestrator (RunService, RunEventProcessor, CommandExecutor, Reconciler and
/// the mode's real store and adapters) under injected faults with a fixed seed; every run must end right,
/// exactly once. The table of what was injected and absorbed goes to the test output and to
/// <c>TestResults/reliability-report.md</c>.
/// </summary>
[Collection(ReliabilityGroup.Name)]
public sealed class FaultInjectionTests(FirestoreEmulatorFixture emulator, ITestOutputHelper output)
{
    [Fact]
    public Task CloudMode_UnderInjectedFaults_EveryRunEndsRight_WithEachJobCreatedOnce_AndOutputsWrittenOnce() =>
        DriveAsync("cloud", ReliabilitySettings.Runs(ci: 20, longer: 200), context => new CloudBackend(emulator, context));

    [Fact]
    public Task LocalMode_UnderInjectedFaults_EveryRunEndsRight_WithEachJobCreatedOnce_AndOutputsWrittenOnce() =>
        DriveAsync("local", ReliabilitySettings.Runs(ci: 180, longer: 1000), context => new LocalBackend(context));

    private async Task DriveAsync(string mode, int runs, Func<WorldContext, WorldBackend> backend)
    {
        var seed = ReliabilitySettings.Seed;
        var epoch = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var scenarios = Enumerable.Range(0, runs).Select(i => RunScenario.Create(i, seed, epoch)).ToList();
        var folder = Path.Combine(Path.GetTempPath(), $"epy-reliability-{mode}-{Guid.NewGuid():N}");
        var watch = Stopwatch.StartNew();
        await using var world = new World(seed, new FaultRates(), backend);
        try
        {
            await world.StartAsync(folder);
            var outcomes = await world.RunAsync(scenarios, ReliabilitySettings.WaveSize, ReliabilitySettings.KillsPerWave);
            watch.Stop();
            var orphaned = await world.OrphanedJobsAsync(scenarios);
            var finishedWhileRunning = world.Control.RunsWith(World.FinishedWhileRunning);

            var table = ReliabilityReport.Publish(new ModeResult(
                mode, seed, outcomes, world.Ledger, world.Passes, world.Restarts, world.Bus.Redeliveries, watch.Elapsed, world.Time.Shift, orphaned, finishedWhileRunning));
            output.WriteLine(table);
            output.WriteLine($"waves settled in: {string.Join(", ", world.WaveTimes.Select(t => $"{t.TotalSeconds:0.0} s"))}");
            foreach (var (kind, after) in world.SettledAfter.Values.GroupBy(v => v.Kind).Select(g => (g.Key, g.Max(v => v.After))))
                output.WriteLine($"slowest {kind}: settled after {after.TotalSeconds:0.0} s");
            foreach (var (failure, count) in world.Failures.OrderByDescending(f => f.Value).Take(15))
                output.WriteLine($"orchestrator failure x{count}: {failure}");
            var wrong = outcomes.Where(o => !o.Right).ToList();
            foreach (var run in wrong.Take(20))
                output.WriteLine($"run {run.Scenario.Index} {run.Scenario.Run} ({run.Scenario.Kind}): {string.Join("; ", run.Problems)}");

            wrong.Select(o => $"{o.Scenario.Run} ({o.Scenario.Kind}): {string.Join("; ", o.Problems)}").ShouldBeEmpty();
            world.Ledger.Count(FaultKind.NotificationDropped).ShouldBeGreaterThan(0, "the pass must drop notifications for the reconciler to heal");
            world.Ledger.HealedDrops.ShouldBe(world.Ledger.Count(FaultKind.NotificationDropped), "every dropped event must be healed");
            world.Restarts.ShouldBeGreaterThan(0, "the pass must kill and restart orchestrator processes");
            orphaned.ShouldBe(0, "no job may still run for a final run at the end of the pass");
            finishedWhileRunning.ShouldBe(0, "a run may finish only when its jobs are final or gone");
            foreach (var kind in Enum.GetValues<ScenarioKind>())
                outcomes.ShouldContain(o => o.Scenario.Kind == kind, $"the pass must meet scenario {kind}");
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }
}
