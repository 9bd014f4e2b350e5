using Epy.Testing.Orchestrator.Stores;
using CsCheck;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Local;
using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Tests.Local;

/// <summary>The SQLite run store: optimistic concurrency, processed-event markers, outbox, idempotency keys, listing.</summary>
public sealed class SqliteRunStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(StoredRuns.Start);
    private readonly SqliteRunStore _store;
    private readonly CancellationToken _ct = CancellationToken.None;

    public SqliteRunStoreTests() => _store = NewStore();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Create_StoresVersionOne()
    {
        var (run, created) = await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);

        created.ShouldBeTrue();
        run.Version.ShouldBe(1);
        var read = (await _store.GetAsync(run.State.Run, _ct)).ShouldNotBeNull();
        read.Version.ShouldBe(1);
        read.State.ShouldBe(StoredRuns.Stored(1).State);
        read.Outbox.ShouldBeEmpty();
    }

    [Fact]
    public async Task Create_WithAnIdempotencyKeySeenBefore_ReturnsTheFirstRun_AndStoresNothing()
    {
        var (first, _) = await _store.CreateAsync(StoredRuns.Stored(1), "key-1", _ct);

        var (again, created) = await _store.CreateAsync(StoredRuns.Stored(2), "key-1", _ct);

        created.ShouldBeFalse();
        again.State.Run.ShouldBe(first.State.Run);
        (await _store.GetAsync(StoredRuns.Stored(2).State.Run, _ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Create_SameRunIdTwice_ReturnsTheStoredRun()
    {
        await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);
        var advanced = await CommitAsync(StoredRuns.Stored(1).State with { Status = RunStatus.BuildingInputs }, 1, "e1");
        advanced.ShouldBe(CommitResult.Committed);

        var (again, created) = await _store.CreateAsync(StoredRuns.Stored(1), "another-key", _ct);

        created.ShouldBeFalse();
        again.Version.ShouldBe(2);
        again.State.Status.ShouldBe(RunStatus.BuildingInputs);
    }

    [Fact]
    public async Task Commit_WithAStaleVersion_IsConflict_AndWritesNothing()
    {
        var (run, _) = await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);
        (await CommitAsync(run.State with { TaskCount = 5 }, 1, "e1", Count(run))).ShouldBe(CommitResult.Committed);

        var stale = await CommitAsync(run.State with { TaskCount = 9 }, 1, "e2", new WriteRunRecord(run.State.Run, run.State.Experiment, RunStatus.Failed, 1));

        stale.ShouldBe(CommitResult.Conflict);
        var read = (await _store.GetAsync(run.State.Run, _ct))!;
        read.Version.ShouldBe(2);
        read.State.TaskCount.ShouldBe(5);
        read.Outbox.Select(e => e.Command.CommandId).ShouldBe([Count(run).CommandId]);
        (await _store.WasProcessedAsync(run.State.Run, "e2")).ShouldBeFalse("a conflicting commit marks nothing processed");
    }

    [Fact]
    public async Task Commit_SameEventTwice_IsAlreadyProcessed_AndWritesNothing()
    {
        var (run, _) = await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);
        (await CommitAsync(run.State with { TaskCount = 5 }, 1, "e1")).ShouldBe(CommitResult.Committed);

        var repeat = await CommitAsync(run.State with { TaskCount = 9 }, 2, "e1", Count(run));

        repeat.ShouldBe(CommitResult.AlreadyProcessed);
        var read = (await _store.GetAsync(run.State.Run, _ct))!;
        read.Version.ShouldBe(2);
        read.State.TaskCount.ShouldBe(5);
        read.Outbox.ShouldBeEmpty();
        (await _store.WasProcessedAsync(run.State.Run, "e1")).ShouldBeTrue();
    }

    [Fact]
    public async Task Outbox_KeepsCommandsOldestFirst_CountsAttempts_AndForgetsCompletedOnes()
    {
        var (run, _) = await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);
        var count = Count(run);
        var write = new WriteRunRecord(run.State.Run, run.State.Experiment, RunStatus.Succeeded, 3);
        await CommitAsync(run.State, 1, "e1", count);
        _time.Advance(TimeSpan.FromSeconds(5));
        await CommitAsync(run.State, 2, "e2", write, count);

        await _store.RecordAttemptAsync(run.State.Run, count.CommandId, _ct);
        await _store.RecordAttemptAsync(run.State.Run, count.CommandId, _ct);
        var outbox = (await _store.GetAsync(run.State.Run, _ct))!.Outbox;

        outbox.Select(e => e.Command).ShouldBe([count, write], "a command committed twice is kept once, where it was first");
        outbox.Select(e => e.CreatedAt).ShouldBe([StoredRuns.Start, StoredRuns.Start.AddSeconds(5)]);
        outbox.Select(e => e.Attempts).ShouldBe([2, 0]);

        await _store.CompleteCommandAsync(run.State.Run, count.CommandId, _ct);
        (await _store.GetAsync(run.State.Run, _ct))!.Outbox.Select(e => e.Command).ShouldBe([write]);
    }

    [Fact]
    public async Task ListUnsettled_HasUnfinishedRuns_AndFinishedOnesWithCommandsLeft()
    {
        var (pending, _) = await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);
        var (done, _) = await _store.CreateAsync(StoredRuns.Stored(2, status: RunStatus.Succeeded), null, _ct);
        var (finishing, _) = await _store.CreateAsync(StoredRuns.Stored(3), null, _ct);
        await CommitAsync(finishing.State with { Status = RunStatus.Failed }, 1, "failed",
            new WriteRunRecord(finishing.State.Run, finishing.State.Experiment, RunStatus.Failed, 1));

        var unsettled = await _store.ListUnsettledAsync(_ct);

        unsettled.Select(r => r.State.Run).ShouldBe([pending.State.Run, finishing.State.Run]);
        unsettled.ShouldNotContain(r => r.State.Run == done.State.Run);
    }

    [Fact]
    public async Task List_NewestFirst_PagedAfterARunId_FilteredByExperimentAndStatus()
    {
        for (var n = 1; n <= 6; n++)
            await _store.CreateAsync(StoredRuns.Stored(n, n % 3 == 0 ? ForecastRepo.OtherExperiment : ForecastRepo.Experiment, n % 2 == 0 ? RunStatus.Failed : RunStatus.Succeeded), null, _ct);
        var id = (int n) => StoredRuns.Stored(n).State.Run;

        var all = (await _store.ListAsync(new RunQuery(null, null, 50, null), _ct)).Runs;
        var first = (await _store.ListAsync(new RunQuery(null, null, 4, null), _ct)).Runs;
        var second = (await _store.ListAsync(new RunQuery(null, null, 4, first[^1].State.Run), _ct)).Runs;
        var flu = (await _store.ListAsync(new RunQuery(ExperimentId.Parse(ForecastRepo.Experiment), null, 50, null), _ct)).Runs;
        var failed = (await _store.ListAsync(new RunQuery(null, RunStatus.Failed, 50, null), _ct)).Runs;
        var otherFailed = (await _store.ListAsync(new RunQuery(ExperimentId.Parse(ForecastRepo.OtherExperiment), RunStatus.Failed, 50, null), _ct)).Runs;

        all.Select(r => r.State.Run).ShouldBe([id(6), id(5), id(4), id(3), id(2), id(1)]);
        first.Select(r => r.State.Run).ShouldBe([id(6), id(5), id(4), id(3)]);
        second.Select(r => r.State.Run).ShouldBe([id(2), id(1)]);
        flu.Select(r => r.State.Run).ShouldBe([id(5), id(4), id(2), id(1)]);
        failed.Select(r => r.State.Run).ShouldBe([id(6), id(4), id(2)]);
        otherFailed.Select(r => r.State.Run).ShouldBe([id(6)]);
    }

    [Fact]
    public async Task Store_SurvivesReopeningTheFile()
    {
        var (run, _) = await _store.CreateAsync(StoredRuns.Stored(1), "key", _ct);
        await CommitAsync(run.State with { TaskCount = 7 }, 1, "e1", Count(run));

        var reopened = NewStore();

        var read = (await reopened.GetAsync(run.State.Run, _ct))!;
        read.Version.ShouldBe(2);
        read.State.TaskCount.ShouldBe(7);
        read.Outbox.Count.ShouldBe(1);
        (await reopened.WasProcessedAsync(run.State.Run, "e1")).ShouldBeTrue();
        (await reopened.CreateAsync(StoredRuns.Stored(9), "key", _ct)).Created.ShouldBeFalse();
    }

    [Fact]
    public async Task ConcurrentCommits_AtOneVersion_ExactlyOneWins()
    {
        var (run, _) = await _store.CreateAsync(StoredRuns.Stored(1), null, _ct);
        var stores = Enumerable.Range(0, 8).Select(_ => NewStore()).ToList();

        var results = await Task.WhenAll(stores.Select((store, i) => Task.Run(() =>
            store.CommitAsync(run.State with { TaskCount = i + 1 }, 1, [], [], $"e{i}", _ct))));

        results.Count(r => r == CommitResult.Committed).ShouldBe(1);
        results.Count(r => r == CommitResult.Conflict).ShouldBe(7);
        (await _store.GetAsync(run.State.Run, _ct))!.Version.ShouldBe(2);
    }

    [Fact]
    public void Commits_FollowTheModel_VersionCheckThenEventMarker()
    {
        // Any sequence of commits, each naming one of a few event ids and a version that may be stale:
        // committed exactly when the event is new and the version current.
        var ops = Gen.Select(Gen.Int[0, 4], Gen.Int[-1, 1]).Array[1, 12];
        ops.Sample(sequence =>
        {
            using var folder = new TempFolder();
            var store = new SqliteRunStore(new LocalDatabase(folder.Combine("runs.db")), _time);
            var (run, _) = store.CreateAsync(StoredRuns.Stored(1), null, _ct).GetAwaiter().GetResult();
            long version = 1;
            var processed = new HashSet<int>();
            foreach (var (eventNumber, skew) in sequence)
            {
                var expected = processed.Contains(eventNumber) ? CommitResult.AlreadyProcessed
                    : skew == 0 ? CommitResult.Committed
                    : CommitResult.Conflict;
                var result = store.CommitAsync(run.State, version + skew, [], [], $"e{eventNumber}", _ct).GetAwaiter().GetResult();
                if (result != expected)
                    return false;
                if (result == CommitResult.Committed)
                {
                    version++;
                    processed.Add(eventNumber);
                }
            }
            return store.GetAsync(run.State.Run, _ct).GetAwaiter().GetResult()!.Version == version;
        }, iter: 40, threads: 1);
    }

    private SqliteRunStore NewStore() => new(new LocalDatabase(_folder.Combine("orchestrator.db")), _time);

    private Task<CommitResult> CommitAsync(RunState state, long version, string eventId, params RunCommand[] commands) =>
        _store.CommitAsync(state, version, commands, [], eventId, _ct);

    private static CountInputs Count(StoredRun run) =>
        new(run.State.Run, run.State.Experiment, new JobId(Stage.Builder, run.State.Run, 1));
}
