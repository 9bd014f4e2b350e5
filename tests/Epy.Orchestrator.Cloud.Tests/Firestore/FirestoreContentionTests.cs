using Epy.Testing.Orchestrator.Stores;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>Many deliveries for one run at once, through the real event processor, on the emulator.</summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class FirestoreContentionTests(FirestoreEmulatorFixture emulator)
{

    [Fact]
    public async Task FiftyProgressEventsAndACancel_DeliveredTwiceInParallel_EndCancellingWithTheLatestCounts_AndNoLostUpdate()
    {
        var store = new FirestoreRunStore(emulator.Client(emulator.NewProject()), TimeProvider.System);
        var (runner, version) = await RunningAsync(store, 50);

        var results = await DeliverAsync([(store, Processor(store))], ProgressEvents(runner, 50));

        await AssertNoLostUpdateAsync(store, results, version, 50);
    }

    [Fact]
    public async Task TwentyProgressEventsAndACancel_SplitAcrossTwoInstances_EndCancellingWithTheLatestCounts_AndNoLostUpdate()
    {
        // Two orchestrator instances: separate clients, so only Firestore's transactions keep them apart. Fewer
        // events: where two transactions each wait for the other's lock, the emulator aborts one only after 2 s.
        var project = emulator.NewProject();
        var first = new FirestoreRunStore(emulator.Client(project), TimeProvider.System);
        var second = new FirestoreRunStore(emulator.Client(project), TimeProvider.System);
        var (runner, version) = await RunningAsync(first, 20);

        var results = await DeliverAsync([(first, Processor(first)), (second, Processor(second))], ProgressEvents(runner, 20));

        await AssertNoLostUpdateAsync(first, results, version, 20);
    }

    /// <summary>A run whose runner job of <paramref name="tasks"/> tasks is running: its job and its stored version.</summary>
    private static async Task<(JobId Runner, long Version)> RunningAsync(FirestoreRunStore store, int tasks)
    {
        var builder = new RunBuilder().TasksRunning(tasks);
        var (created, _) = await store.CreateAsync(new StoredRun(builder.State, builder.Policy, 0, []), null, default);
        return (builder.ActiveJob, created.Version);
    }

    /// <summary>
    /// Task i of the runner finished (counts that only grow, so only the last one may stand), and, among
    /// them, a cancel that must never be written over (its CancelJob is carried out and completed meanwhile).
    /// </summary>
    private static RunEvent[] ProgressEvents(JobId runner, int tasks) =>
    [
        .. Enumerable.Range(1, tasks).Select(i => new JobStateChanged($"progress/{i}", runner, JobState.Running, new TaskCounts(tasks - i, 0, i, 0))),
        new CancelRequested("cancel/1", "contention test"),
    ];

    private static RunEventProcessor Processor(IRunStore store)
    {
        var jobs = new NoJobs();
        var executor = new CommandExecutor(store, jobs, jobs, CommandResilience.Create(TimeProvider.System), "", NullLogger<CommandExecutor>.Instance);
        return new RunEventProcessor(store, executor, TimeProvider.System, NullLogger<RunEventProcessor>.Instance);
    }

    /// <summary>Delivers every event twice, in a scrambled order, all at once, the deliveries dealt round the instances.</summary>
    private static async Task<(RunEvent Event, HandledEvent Result)[]> DeliverAsync(
        IReadOnlyList<(FirestoreRunStore Store, RunEventProcessor Processor)> instances, RunEvent[] events)
    {
        var deliveries = events.Concat(events).Select((e, i) => (Event: e, Order: i * 37 % (2 * events.Length))).OrderBy(d => d.Order).Select(d => d.Event).ToArray();
        using var start = new ManualResetEventSlim();
        var tasks = deliveries.Select((e, i) => Task.Run(async () =>
        {
            start.Wait();
            return (e, await instances[i % instances.Count].Processor.HandleAsync(RunBuilder.Run, e, default));
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }

    private static async Task AssertNoLostUpdateAsync(FirestoreRunStore store, (RunEvent Event, HandledEvent Result)[] results, long createdVersion, int tasks)
    {
        var run = RunBuilder.Run;
        var applied = results.Where(r => !r.Result.Duplicate && r.Result.Decision?.Outcome == Outcome.Applied).Select(r => r.Event.EventId).ToList();
        applied.ShouldBeUnique();
        var stored = (await store.GetAsync(run, default))!;
        stored.State.Status.ShouldBe(RunStatus.Cancelling);
        stored.State.ActiveJob!.Counts.ShouldBe(new TaskCounts(0, 0, tasks, 0));
        stored.Outbox.ShouldBeEmpty();
        applied.ShouldContain("cancel/1");
        // Every applied event moved the version exactly once: none was written over.
        stored.Version.ShouldBe(createdVersion + applied.Count);
        foreach (var eventId in applied)
            (await store.WasProcessedAsync(run, eventId)).ShouldBeTrue(eventId);
        results.Where(r => r.Result.Duplicate).Select(r => r.Event.EventId).ShouldBeSubsetOf(applied);
    }
}
