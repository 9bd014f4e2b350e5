using System.Diagnostics;
using System.Net;
using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Microsoft.Extensions.Time.Testing;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>Outages, overload and lost answers, injected in front of the real emulator.</summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class FirestoreResilienceTests(FirestoreEmulatorFixture emulator) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 15, 0, TimeSpan.Zero);
    private static readonly RunId Run = RunId.Parse("20261124-101500-a1b2c3d4");
    private readonly FaultInjector _faults = new();

    private static StoredRun NewRun() =>
        new(RunState.New(Run, ExperimentId.Parse("flu/round05"), RunRequest.Plain("test"), Start), RunPolicy.Default, 0, []);

    private FirestoreRunStore Store(TimeProvider? time = null, Action<FirestoreOptions>? configure = null) =>
        new(emulator.Client(emulator.NewProject(), _faults, time, configure), time ?? TimeProvider.System);

    [Fact]
    public async Task Read_Refused429WithRetryAfter_WaitsAsLongAsAsked_ThenSucceeds()
    {
        var time = new FakeTimeProvider(Start);
        var store = Store(time);
        await store.CreateAsync(NewRun(), null, default);
        _faults.Refuse("batchGet", HttpStatusCode.TooManyRequests, "RESOURCE_EXHAUSTED", retryAfter: TimeSpan.FromSeconds(30));

        var read = store.GetAsync(Run, default);
        await WaitUntil(() => _faults.Count("batchGet", HttpStatusCode.TooManyRequests) == 1);
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        read.IsCompleted.ShouldBeFalse("the retry came before Retry-After");
        time.Advance(TimeSpan.FromSeconds(1));

        (await read).ShouldNotBeNull();
    }

    [Fact]
    public async Task Read_StalledPastTheRequestTimeout_IsAbandonedAndRetried()
    {
        var store = Store(configure: options => options.RequestTimeout = TimeSpan.FromMilliseconds(300));
        await store.CreateAsync(NewRun(), null, default);
        _faults.Stall("batchGet");

        var read = await store.GetAsync(Run, default);

        read.ShouldNotBeNull();
        _faults.Count("batchGet", HttpStatusCode.RequestTimeout).ShouldBe(1);
        _faults.Count("batchGet", HttpStatusCode.OK).ShouldBeGreaterThanOrEqualTo(2, "the create's read, and the retry");
    }

    [Fact]
    public async Task Commit_Refused503_IsRunAgainWhole_AndCommitsOnce()
    {
        var store = Store();
        var (run, _) = await store.CreateAsync(NewRun(), null, default);
        _faults.Refuse("commit", HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");

        var result = await store.CommitAsync(run.State with { Status = RunStatus.BuildingInputs }, 1, [], "e1", default);

        result.ShouldBe(CommitResult.Committed);
        _faults.Count("commit", HttpStatusCode.ServiceUnavailable).ShouldBe(1);
        _faults.Count("commit", HttpStatusCode.OK).ShouldBe(2, "the create's, and the commit's second try");
        (await store.GetAsync(Run, default))!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Commit_AnswerLostAfterItWasApplied_IsReportedCommitted_NotAsADuplicate()
    {
        var store = Store();
        var (run, _) = await store.CreateAsync(NewRun(), null, default);
        _faults.LoseAnswer("commit", HttpStatusCode.GatewayTimeout, "DEADLINE_EXCEEDED");

        var result = await store.CommitAsync(run.State with { Status = RunStatus.BuildingInputs }, 1, [], "e1", default);

        // The retry finds its own marker (with the version it wrote): the caller must still carry out the commands.
        result.ShouldBe(CommitResult.Committed);
        (await store.GetAsync(Run, default))!.Version.ShouldBe(2);
        (await store.CommitAsync(run.State with { Status = RunStatus.Failed }, 2, [], "e1", default)).ShouldBe(CommitResult.AlreadyProcessed);
    }

    [Fact]
    public async Task Create_AnswerLostAfterItWasApplied_IsReportedCreated()
    {
        var store = Store();
        _faults.LoseAnswer("commit", HttpStatusCode.InternalServerError, "INTERNAL");

        var (stored, created) = await store.CreateAsync(NewRun(), "key-1", default);

        created.ShouldBeTrue();
        stored.Version.ShouldBe(1);
        (await store.CreateAsync(NewRun(), "key-1", default)).Created.ShouldBeFalse();
    }

    [Fact]
    public async Task Commit_PermissionDenied_FailsAtOnce_WithoutRetrying()
    {
        var store = Store();
        var (run, _) = await store.CreateAsync(NewRun(), null, default);
        _faults.Refuse("commit", HttpStatusCode.Forbidden, "PERMISSION_DENIED");

        var failure = await Should.ThrowAsync<FirestoreException>(() => store.CommitAsync(run.State, 1, [], "e1", default));

        failure.Status.ShouldBe("PERMISSION_DENIED");
        _faults.Calls.Count(call => call.Method == "commit").ShouldBe(2, "the create's, and the refused one");
        (await store.GetAsync(Run, default))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task Read_UnavailableEveryTime_GivesUpAfterTheRetries()
    {
        var store = Store(configure: options => options.MaxTransientRetries = 2);
        for (var i = 0; i < 3; i++)
            _faults.Refuse("batchGet", HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");

        var failure = await Should.ThrowAsync<FirestoreException>(() => store.GetAsync(Run, default));

        failure.Status.ShouldBe("UNAVAILABLE");
        _faults.Count("batchGet", HttpStatusCode.ServiceUnavailable).ShouldBe(3);
    }

    [Fact]
    public async Task Commit_BlockedByAnotherTransactionsLock_IsAbortedAndRunAgain_ThenCommits()
    {
        var project = emulator.NewProject();
        var store = new FirestoreRunStore(emulator.Client(project, _faults), TimeProvider.System);
        var other = emulator.Client(project);
        var (run, _) = await store.CreateAsync(NewRun(), null, default);
        var name = other.DocumentName(RunDocument.RunPath(Run));
        var locked = new TaskCompletionSource();

        // Another instance reads the run in a transaction and holds its lock, longer than the emulator's 2 s lock wait.
        var holder = other.RunTransactionAsync(async (transaction, ct) =>
        {
            await transaction.GetAsync([name], ct);
            locked.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(2.5), ct);
            return true;
        }, default);
        await locked.Task;
        var stopwatch = Stopwatch.StartNew();

        var result = await store.CommitAsync(run.State with { Status = RunStatus.BuildingInputs }, 1, [], "e1", default);

        result.ShouldBe(CommitResult.Committed);
        _faults.Count("commit", HttpStatusCode.Conflict).ShouldBeGreaterThanOrEqualTo(1);
        stopwatch.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1.5));
        await holder;
    }

    [Fact]
    public async Task Commit_WhoseReadAnswerWasLost_RollsThatTransactionBack_SoItsRetryMeetsNoLock()
    {
        var store = Store();
        var (run, _) = await store.CreateAsync(NewRun(), null, default);
        // The read reaches Firestore (and locks the run within its transaction) but its answer is lost.
        _faults.LoseAnswer("batchGet", HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");

        var result = await store.CommitAsync(run.State with { Status = RunStatus.BuildingInputs }, 1, [], "e1", default);

        result.ShouldBe(CommitResult.Committed);
        // Begun by a call of its own, the transaction's id was known: it was rolled back, not left locking the run
        // for a minute (a read that began the transaction would have taken its id with the lost answer).
        _faults.Count("rollback", HttpStatusCode.OK).ShouldBe(1);
        _faults.Count("commit", HttpStatusCode.Conflict).ShouldBe(0, "the retry met no lock");
        (await store.GetAsync(Run, default))!.State.Status.ShouldBe(RunStatus.BuildingInputs);
    }

    [Fact]
    public async Task Rollback_RefusedOnce_IsSentAgain_SoTheLocksAreReleased()
    {
        var store = Store();
        var (run, _) = await store.CreateAsync(NewRun(), null, default);
        _faults.LoseAnswer("batchGet", HttpStatusCode.ServiceUnavailable, "UNAVAILABLE")
            .Refuse("rollback", HttpStatusCode.ServiceUnavailable, "UNAVAILABLE");

        var result = await store.CommitAsync(run.State with { Status = RunStatus.BuildingInputs }, 1, [], "e1", default);

        result.ShouldBe(CommitResult.Committed);
        _faults.Count("rollback", HttpStatusCode.ServiceUnavailable).ShouldBe(1);
        _faults.Count("rollback", HttpStatusCode.OK).ShouldBe(1, "the rollback was sent again");
        _faults.Count("commit", HttpStatusCode.Conflict).ShouldBe(0, "the retry met no lock");
    }

    public void Dispose() => _faults.Dispose();

    private static async Task WaitUntil(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "waited too long");
            await Task.Delay(10);
        }
    }
}
