using Epy.Testing.Orchestrator.Stores;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.RunStores;

/// <summary>
/// What every <see cref="IRunStore"/> must do, run against each store (SQLite as the reference, Firestore on
/// its emulator). Times are whole seconds, which every store keeps exactly.
/// </summary>
public abstract partial class RunStoreContract
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
    protected static readonly ExperimentId Flu = ExperimentId.Parse("flu/round05");
    protected static readonly ExperimentId Covid = ExperimentId.Parse("covid/round01");

    protected FakeTimeProvider Time { get; } = new(Start);

    protected abstract IRunStore Store { get; }

    protected static RunId Id(int second, string suffix = "a1b2c3d4") => RunId.Parse($"20261124-1015{second:00}-{suffix}");

    protected static StoredRun NewRun(RunId run, ExperimentId? experiment = null, RunPolicy? policy = null) =>
        new(RunState.New(run, experiment ?? Flu, RunRequest.Plain("test"), Start), policy ?? RunPolicy.Default, 0, []);

    protected async Task<StoredRun> CreateAsync(RunId run, ExperimentId? experiment = null) =>
        (await Store.CreateAsync(NewRun(run, experiment), null, default)).Run;

    /// <summary>Moves the run on with a state change, committing <paramref name="commands"/>.</summary>
    protected async Task<StoredRun> CommitAsync(StoredRun run, RunStatus status, string eventId, params RunCommand[] commands)
    {
        var state = run.State with { Status = status, UpdatedAt = Time.GetUtcNow() };
        (await Store.CommitAsync(state, run.Version, commands, eventId, default)).ShouldBe(CommitResult.Committed);
        return (await Store.GetAsync(run.State.Run, default))!;
    }

    private static CancelJob Cancel(RunId run, int attempt) => new(run, new JobId(Stage.Builder, run, attempt));

    [Fact]
    public async Task Create_NewRun_IsStoredAtVersionOne_WithAnEmptyOutbox()
    {
        var run = NewRun(Id(1));

        var (stored, created) = await Store.CreateAsync(run, "key-1", default);

        created.ShouldBeTrue();
        stored.ShouldBe(run with { Version = 1, Outbox = [] }, new StoredRunComparer());
        (await Store.GetAsync(Id(1), default)).ShouldBe(stored, new StoredRunComparer());
    }

    [Fact]
    public async Task Create_RepeatedIdempotencyKey_ReturnsTheFirstRun_AndCreatesNothing()
    {
        var (first, _) = await Store.CreateAsync(NewRun(Id(1)), "schedule:2026-11-24T10:15:00Z", default);

        var (again, created) = await Store.CreateAsync(NewRun(Id(2)), "schedule:2026-11-24T10:15:00Z", default);

        created.ShouldBeFalse();
        again.State.Run.ShouldBe(first.State.Run);
        (await Store.GetAsync(Id(2), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Create_ExistingRunId_ReturnsTheStoredRun_AndCreatesNothing()
    {
        var first = await CreateAsync(Id(1));
        var moved = await CommitAsync(first, RunStatus.BuildingInputs, "e1");

        var (again, created) = await Store.CreateAsync(NewRun(Id(1), Covid), "another-key", default);

        created.ShouldBeFalse();
        again.ShouldBe(moved, new StoredRunComparer());
    }

    [Fact]
    public async Task Get_UnknownRun_IsNull()
    {
        (await Store.GetAsync(Id(9), default)).ShouldBeNull();
        (await Store.WasProcessedAsync(Id(9), "e1")).ShouldBeFalse();
    }

    [Fact]
    public async Task Commit_AtTheVersionRead_WritesStateOutboxAndMarker_Together()
    {
        var run = await CreateAsync(Id(1));
        Time.Advance(TimeSpan.FromMinutes(1));
        var state = run.State with { Status = RunStatus.BuildingInputs, UpdatedAt = Time.GetUtcNow() };

        var result = await Store.CommitAsync(state, 1, [Cancel(Id(1), 1), Cancel(Id(1), 2)], "e1", default);

        result.ShouldBe(CommitResult.Committed);
        var stored = (await Store.GetAsync(Id(1), default))!;
        stored.State.ShouldBe(state);
        stored.Version.ShouldBe(2);
        stored.Outbox.ShouldBe([new OutboxEntry(Cancel(Id(1), 1), Time.GetUtcNow(), 0), new OutboxEntry(Cancel(Id(1), 2), Time.GetUtcNow(), 0)]);
        (await Store.WasProcessedAsync(Id(1), "e1")).ShouldBeTrue();
    }

    [Fact]
    public async Task Commit_AtAnOlderVersion_IsAConflict_AndWritesNothing()
    {
        var run = await CreateAsync(Id(1));
        var moved = await CommitAsync(run, RunStatus.BuildingInputs, "e1");

        var result = await Store.CommitAsync(run.State with { Status = RunStatus.Cancelled }, run.Version, [Cancel(Id(1), 1)], "e2", default);

        result.ShouldBe(CommitResult.Conflict);
        (await Store.GetAsync(Id(1), default)).ShouldBe(moved, new StoredRunComparer());
        (await Store.WasProcessedAsync(Id(1), "e2")).ShouldBeFalse();
    }

    [Fact]
    public async Task Commit_UnknownRun_IsAConflict()
    {
        var result = await Store.CommitAsync(NewRun(Id(9)).State, 1, [], "e1", default);

        result.ShouldBe(CommitResult.Conflict);
        (await Store.GetAsync(Id(9), default)).ShouldBeNull();
    }

    [Fact]
    public async Task Commit_ProcessedEvent_IsAlreadyProcessed_EvenAtTheCurrentVersion()
    {
        var run = await CreateAsync(Id(1));
        var moved = await CommitAsync(run, RunStatus.BuildingInputs, "pubsub:123");

        var result = await Store.CommitAsync(moved.State with { Status = RunStatus.Failed }, moved.Version, [Cancel(Id(1), 1)], "pubsub:123", default);

        result.ShouldBe(CommitResult.AlreadyProcessed);
        (await Store.GetAsync(Id(1), default)).ShouldBe(moved, new StoredRunComparer());
    }

    [Theory]
    [InlineData("a/b/c")]
    [InlineData("..")]
    [InlineData("__name__")]
    [InlineData("submit:stage-b-20261124-101500-a1b2c3d4-1:done")]
    [InlineData("événement ünïcode ✓")]
    public async Task Commit_AnyEventId_IsMarkedProcessed(string eventId)
    {
        var run = await CreateAsync(Id(1));

        await CommitAsync(run, RunStatus.BuildingInputs, eventId);

        (await Store.WasProcessedAsync(Id(1), eventId)).ShouldBeTrue();
        (await Store.WasProcessedAsync(Id(1), eventId + "x")).ShouldBeFalse();
        (await Store.WasProcessedAsync(Id(2), eventId)).ShouldBeFalse();
    }

    [Fact]
    public async Task Commit_CommandAlreadyWaiting_StaysOnceInTheOutbox_WithItsTries()
    {
        var run = await CreateAsync(Id(1));
        run = await CommitAsync(run, RunStatus.BuildingInputs, "e1", Cancel(Id(1), 1));
        await Store.RecordAttemptAsync(Id(1), Cancel(Id(1), 1).CommandId, default);

        var stored = await CommitAsync(run, RunStatus.RunningTasks, "e2", Cancel(Id(1), 1), Cancel(Id(1), 2));

        stored.Outbox.Select(entry => (entry.Command, entry.Attempts)).ShouldBe([(Cancel(Id(1), 1), 1), (Cancel(Id(1), 2), 0)]);
    }

    [Fact]
    public async Task Commit_SupersededCommands_LeaveTheOutboxInTheSameCommit()
    {
        var run = await CommitAsync(await CreateAsync(Id(1)), RunStatus.BuildingInputs, "e1", Cancel(Id(1), 1), Cancel(Id(1), 2));
        var state = run.State with { Status = RunStatus.Cancelling };

        var result = await Store.CommitAsync(state, run.Version, [Cancel(Id(1), 3)], [Cancel(Id(1), 1).CommandId, "not-waiting"], "e2", default);

        result.ShouldBe(CommitResult.Committed);
        var stored = (await Store.GetAsync(Id(1), default))!;
        stored.Outbox.Select(entry => entry.Command).ShouldBe([Cancel(Id(1), 2), Cancel(Id(1), 3)]);
        stored.Version.ShouldBe(run.Version + 1);
    }

    [Fact]
    public async Task Commit_SupersedingAtAnOlderVersion_RemovesNothing()
    {
        var run = await CommitAsync(await CreateAsync(Id(1)), RunStatus.BuildingInputs, "e1", Cancel(Id(1), 1));
        await CommitAsync(run, RunStatus.RunningTasks, "e2");

        var result = await Store.CommitAsync(run.State with { Status = RunStatus.Cancelling }, run.Version, [], [Cancel(Id(1), 1).CommandId], "e3", default);

        result.ShouldBe(CommitResult.Conflict);
        (await Store.GetAsync(Id(1), default))!.Outbox.Select(entry => entry.Command).ShouldBe([Cancel(Id(1), 1)]);
    }

    [Fact]
    public async Task CompleteCommand_RemovesOnlyThatCommand_AndKeepsTheVersion()
    {
        var run = await CommitAsync(await CreateAsync(Id(1)), RunStatus.BuildingInputs, "e1", Cancel(Id(1), 1), Cancel(Id(1), 2), Cancel(Id(1), 3));

        await Store.CompleteCommandAsync(Id(1), Cancel(Id(1), 2).CommandId, default);
        await Store.CompleteCommandAsync(Id(1), "not-waiting", default);
        await Store.CompleteCommandAsync(Id(9), "unknown-run", default);

        var stored = (await Store.GetAsync(Id(1), default))!;
        stored.Outbox.Select(entry => entry.Command).ShouldBe([Cancel(Id(1), 1), Cancel(Id(1), 3)]);
        stored.Version.ShouldBe(run.Version);
        // The outbox changed under the decider's feet, but not the version it read: its commit goes through.
        (await Store.CommitAsync(run.State with { Status = RunStatus.RunningTasks }, run.Version, [], "e2", default)).ShouldBe(CommitResult.Committed);
        (await Store.GetAsync(Id(1), default))!.Outbox.Select(entry => entry.Command).ShouldBe([Cancel(Id(1), 1), Cancel(Id(1), 3)]);
    }

    [Fact]
    public async Task RecordAttempt_CountsTriesOfThatCommandOnly()
    {
        await CommitAsync(await CreateAsync(Id(1)), RunStatus.BuildingInputs, "e1", Cancel(Id(1), 1), Cancel(Id(1), 2));

        await Store.RecordAttemptAsync(Id(1), Cancel(Id(1), 2).CommandId, default);
        await Store.RecordAttemptAsync(Id(1), Cancel(Id(1), 2).CommandId, default);
        await Store.RecordAttemptAsync(Id(1), "not-waiting", default);

        var stored = (await Store.GetAsync(Id(1), default))!;
        stored.Outbox.Select(entry => entry.Attempts).ShouldBe([0, 2]);
        stored.Version.ShouldBe(2);
    }

    [Fact]
    public async Task List_AFullPageOfTheLargestSize_SaysMoreFollow_AndTheNextPageReachesTheRest()
    {
        for (var n = 0; n <= RunQuery.MaxPageSize; n++)
            await CreateAsync(Id(1, $"{n:x8}"));

        var first = await Store.ListAsync(new RunQuery(null, null, RunQuery.MaxPageSize, null), default);
        var rest = await Store.ListAsync(new RunQuery(null, null, RunQuery.MaxPageSize, first.Next), default);

        first.Runs.Count.ShouldBe(RunQuery.MaxPageSize);
        first.Next.ShouldBe(first.Runs[^1].State.Run, "a full page of the largest size must say that more follow");
        rest.Runs.ShouldHaveSingleItem().State.Run.ShouldBe(Id(1, "00000000"));
        rest.Next.ShouldBeNull();
    }

    [Fact]
    public async Task List_IsNewestFirst_FilteredByExperimentAndStatus_AndPaged()
    {
        for (var second = 1; second <= 7; second++)
        {
            var run = await CreateAsync(Id(second), second % 2 == 0 ? Covid : Flu);
            if (second is 3 or 4 or 5)
                await CommitAsync(run, RunStatus.Succeeded, "done");
        }

        async Task<string[]> List(ExperimentId? experiment, RunStatus? status, int size, RunId? after) =>
            [.. (await Store.ListAsync(new RunQuery(experiment, status, size, after), default)).Runs.Select(run => run.State.Run.Value[13..15])];

        (await List(null, null, 100, null)).ShouldBe(["07", "06", "05", "04", "03", "02", "01"]);
        (await List(null, null, 3, null)).ShouldBe(["07", "06", "05"]);
        (await List(null, null, 3, Id(5))).ShouldBe(["04", "03", "02"]);
        (await List(null, null, 3, Id(2))).ShouldBe(["01"]);
        (await Store.ListAsync(new RunQuery(null, null, 3, Id(5)), default)).Next.ShouldBe(Id(2));
        (await Store.ListAsync(new RunQuery(null, null, 3, Id(4)), default)).Next.ShouldBeNull();
        (await List(Flu, null, 100, null)).ShouldBe(["07", "05", "03", "01"]);
        (await List(null, RunStatus.Succeeded, 100, null)).ShouldBe(["05", "04", "03"]);
        (await List(Flu, RunStatus.Pending, 1, Id(7))).ShouldBe(["01"]);
        (await List(Covid, RunStatus.Succeeded, 100, Id(4))).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListUnsettled_IsRunsNotFinal_AndFinalRunsWithCommandsWaiting()
    {
        await CreateAsync(Id(1));
        await CommitAsync(await CreateAsync(Id(2)), RunStatus.Succeeded, "done");
        await CommitAsync(await CreateAsync(Id(3)), RunStatus.Failed, "failed", Cancel(Id(3), 1));
        await CommitAsync(await CreateAsync(Id(4)), RunStatus.RunningTasks, "running", Cancel(Id(4), 1));
        await CommitAsync(await CreateAsync(Id(5)), RunStatus.Cancelled, "cancelled", Cancel(Id(5), 1));
        await Store.CompleteCommandAsync(Id(5), Cancel(Id(5), 1).CommandId, default);

        var unsettled = await Store.ListUnsettledAsync(default);

        unsettled.Select(run => run.State.Run).OrderBy(id => id.Value, StringComparer.Ordinal).ShouldBe([Id(1), Id(3), Id(4)]);
        unsettled.Single(run => run.State.Run == Id(3)).Outbox.Count.ShouldBe(1);
    }

    [Fact]
    public async Task StateAndPolicy_RoundTripThroughTheStore_Exactly()
    {
        // A state the machine produced: jobs of every stage, counts, failed tasks, a resume, labels, a deadline, history.
        var policy = RunPolicy.Default with { Tolerance = new FailureTolerance(2, null), AutoResumes = 1, Spot = true };
        var builder = new RunBuilder(policy).TasksRunning(10).Job(JobState.Failed, new TaskCounts(0, 0, 7, 3)).Listed(1, 4, 8);
        var state = builder.State with
        {
            Request = new RunRequest("v1.2.3", "main", new ValueList<KeyValuePair<string, string>>([new("team", "flu"), new("round", "5")]), "scheduler:weekly"),
            // Ticks finer than Firestore's microseconds must survive: the state is kept as JSON text.
            UpdatedAt = builder.Now.AddTicks(1234567),
        };
        var (created, _) = await Store.CreateAsync(new StoredRun(RunState.New(state.Run, state.Experiment, state.Request, Start), policy, 0, []), null, default);

        (await Store.CommitAsync(state, created.Version, builder.Commands, "e1", default)).ShouldBe(CommitResult.Committed);

        var stored = (await Store.GetAsync(state.Run, default))!;
        stored.State.ShouldBe(state);
        stored.Policy.ShouldBe(policy);
        stored.Outbox.Select(entry => entry.Command).ShouldBe(builder.Commands);
    }
}
