using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Cloud.Tests.Emulators;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>What is particular to the Firestore store, beyond the contract: the stored layout, paging, several instances.</summary>
[Collection(FirestoreEmulatorGroup.Name)]
public sealed class FirestoreRunStoreTests(FirestoreEmulatorFixture emulator)
{
    private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 24, 10, 15, 0, TimeSpan.Zero).AddTicks(1234567);
    private static readonly ExperimentId Flu = ExperimentId.Parse("flu/round05");

    private static RunId Id(int second) => RunId.Parse($"20261124-1015{second:00}-a1b2c3d4");

    private static StoredRun NewRun(RunId run) => new(RunState.New(run, Flu, RunRequest.Plain("test"), Start), RunPolicy.Default, 0, []);

    [Fact]
    public async Task Documents_AsStored_HoldTypedFields_MarkersAndRequestRecords()
    {
        var client = emulator.Client(emulator.NewProject());
        var store = new FirestoreRunStore(client, TimeProvider.System);
        var (run, _) = await store.CreateAsync(NewRun(Id(1)), "weekly/2026-11-24", default);
        var cancel = new CancelJob(Id(1), new JobId(Stage.Builder, Id(1), 1));
        await store.CommitAsync(run.State with { Status = RunStatus.Failed }, 1, [cancel], "pubsub/42", default);
        var runName = client.DocumentName(RunDocument.RunPath(Id(1)));
        var markerName = client.DocumentName(RunDocument.EventPath(Id(1), "pubsub/42"));
        var requestName = client.DocumentName(RunDocument.RequestPath("weekly/2026-11-24"));

        var documents = await client.GetAsync([runName, markerName, requestName], default);

        var fields = documents[runName]!.Fields!;
        fields["version"].ShouldBe(new FirestoreValue { IntegerValue = "2" });
        fields["run_id"].AsString().ShouldBe(Id(1).Value);
        fields["exp_id"].AsString().ShouldBe("flu/round05");
        fields["status"].AsString().ShouldBe(RunStatus.Failed.ToWire());
        fields["terminal"].AsBoolean().ShouldBeTrue();
        fields["has_outbox"].AsBoolean().ShouldBeTrue();
        // Firestore keeps microseconds: the tick beyond them lives on in state_json only.
        fields["created_at"].TimestampValue.ShouldBe("2026-11-24T10:15:00.123456Z");
        fields["created_at"].AsTimestamp().ShouldBe(FirestoreTimestamp.ToMicroseconds(Start));
        fields["outbox"].AsArray().Single().AsMap()["command_id"].AsString().ShouldBe(cancel.CommandId);
        var marker = documents[markerName]!.Fields!;
        marker["event_id"].AsString().ShouldBe("pubsub/42");
        marker["version"].AsInteger().ShouldBe(2);
        // The TTL policy (terraform/firestore.tf) deletes markers by this timestamp.
        (marker[RunDocument.MarkerExpiresAt].AsTimestamp() - marker["processed_at"].AsTimestamp()).ShouldBe(RunDocument.MarkerRetention);
        documents[requestName]!.Fields!["run_id"].AsString().ShouldBe(Id(1).Value);
        (await store.GetAsync(Id(1), default))!.State.CreatedAt.ShouldBe(Start);
    }

    [Fact]
    public async Task ListUnsettled_ReadsEveryPage()
    {
        var store = new FirestoreRunStore(emulator.Client(emulator.NewProject(), configure: options => options.QueryPageSize = 2), TimeProvider.System);
        for (var second = 1; second <= 7; second++)
        {
            var (run, _) = await store.CreateAsync(NewRun(Id(second)), null, default);
            if (second is 2 or 5)
                await store.CommitAsync(run.State with { Status = RunStatus.Succeeded }, 1, [], "done", default);
        }

        var unsettled = await store.ListUnsettledAsync(default);

        unsettled.Select(run => run.State.Run).ShouldBe([Id(1), Id(3), Id(4), Id(6), Id(7)]);
    }

    [Fact]
    public async Task Commit_FromAVersionAnotherInstanceMovedPast_IsAConflict()
    {
        var project = emulator.NewProject();
        var first = new FirestoreRunStore(emulator.Client(project), TimeProvider.System);
        var second = new FirestoreRunStore(emulator.Client(project), TimeProvider.System);
        var (run, _) = await first.CreateAsync(NewRun(Id(1)), null, default);
        (await second.CommitAsync(run.State with { Status = RunStatus.BuildingInputs }, 1, [], "e1", default)).ShouldBe(CommitResult.Committed);

        var result = await first.CommitAsync(run.State with { Status = RunStatus.Cancelled }, 1, [], "e2", default);

        result.ShouldBe(CommitResult.Conflict);
        (await first.GetAsync(Id(1), default))!.State.Status.ShouldBe(RunStatus.BuildingInputs);
        (await first.CommitAsync(run.State with { Status = RunStatus.Cancelled }, 2, [], "e2", default)).ShouldBe(CommitResult.Committed);
    }

    [Fact]
    public async Task Create_SameKeyFromTwoInstancesAtOnce_CreatesOneRun()
    {
        var project = emulator.NewProject();
        var first = new FirestoreRunStore(emulator.Client(project), TimeProvider.System);
        var second = new FirestoreRunStore(emulator.Client(project), TimeProvider.System);

        var results = await Task.WhenAll(
            first.CreateAsync(NewRun(Id(1)), "scheduler:weekly:2026-11-24T10:15:00Z", default),
            second.CreateAsync(NewRun(Id(2)), "scheduler:weekly:2026-11-24T10:15:00Z", default));

        results.Count(result => result.Created).ShouldBe(1);
        results[0].Run.State.Run.ShouldBe(results[1].Run.State.Run);
        (await first.ListAsync(new RunQuery(null, null, 10, null), default)).Runs.Count.ShouldBe(1);
    }
}
