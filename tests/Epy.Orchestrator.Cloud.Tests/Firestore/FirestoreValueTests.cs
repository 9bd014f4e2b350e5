using System.Text.Json;
using CsCheck;
using Epy.Google.Firestore;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud.Firestore;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Core.State;
using Epy.Testing.Builders;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>The Value encoding and the run document layout, without a server.</summary>
public sealed class FirestoreValueTests
{
    private static string Json(object value) => JsonSerializer.Serialize(value, FirestoreJson.Options);

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(42L, "42")]
    [InlineData(-7L, "-7")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    public void Integer_TravelsAsText_AndReadsBack(long value, string text)
    {
        Json(FirestoreValue.Of(value)).ShouldBe($$"""{"integerValue":"{{text}}"}""");
        JsonSerializer.Deserialize<FirestoreValue>($$"""{"integerValue":"{{text}}"}""", FirestoreJson.Options)!.AsInteger().ShouldBe(value);
    }

    [Fact]
    public void Timestamp_IsUtc_CutToTheMicrosecond()
    {
        var value = new DateTimeOffset(2026, 11, 24, 12, 15, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);

        Json(FirestoreValue.Of(value)).ShouldBe("""{"timestampValue":"2026-11-24T10:15:00.123456Z"}""");
    }

    [Theory]
    [InlineData("2014-10-02T15:01:23Z", "2014-10-02T15:01:23.0000000+00:00")]
    [InlineData("2014-10-02T15:01:23.045Z", "2014-10-02T15:01:23.0450000+00:00")]
    [InlineData("2014-10-02T15:01:23.045123Z", "2014-10-02T15:01:23.0451230+00:00")]
    [InlineData("2014-10-02T15:01:23.045123456Z", "2014-10-02T15:01:23.0451234+00:00")]
    [InlineData("2014-10-02T15:01:23+05:30", "2014-10-02T09:31:23.0000000+00:00")]
    public void Timestamp_AnyPrecisionOrOffsetFirestoreAnswers_ReadsAsUtc(string text, string expected) =>
        FirestoreTimestamp.Parse(text).ToString("O", System.Globalization.CultureInfo.InvariantCulture).ShouldBe(expected);

    [Fact]
    public void Timestamp_ReadsBackAsWritten_ToTheMicrosecond() =>
        Gen.Long[DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks].Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
            .Sample(value =>
            {
                var read = FirestoreValue.Of(value).AsTimestamp();
                read.ShouldBe(FirestoreTimestamp.ToMicroseconds(value));
                (value - read).ShouldBeLessThan(TimeSpan.FromMicroseconds(1));
            });

    [Fact]
    public void EmptyArrayAndMap_AsFirestoreAnswersThem_ReadAsEmpty()
    {
        var value = JsonSerializer.Deserialize<Dictionary<string, FirestoreValue>>("""{"a":{"arrayValue":{}},"m":{"mapValue":{}}}""", FirestoreJson.Options)!;

        value["a"].AsArray().ShouldBeEmpty();
        value["m"].AsMap().ShouldBeEmpty();
    }

    [Fact]
    public void WrongKind_IsAFormatError_NamingTheKindExpected() =>
        Should.Throw<FormatException>(() => FirestoreValue.Of("12").AsInteger()).Message.ShouldContain("integerValue");

    [Fact]
    public void Writes_CarryTheirPreconditions_InRestShape()
    {
        var create = FirestoreWrite.Create(new FirestoreDocument("projects/p/databases/(default)/documents/runs/r", new Dictionary<string, FirestoreValue> { ["ok"] = FirestoreValue.Of(true) }));
        var replace = FirestoreWrite.Replace(new FirestoreDocument("projects/p/databases/(default)/documents/runs/r", null), "2026-11-24T10:15:00.123456Z");

        Json(create).ShouldBe("""{"update":{"name":"projects/p/databases/(default)/documents/runs/r","fields":{"ok":{"booleanValue":true}}},"currentDocument":{"exists":false}}""");
        Json(replace).ShouldBe("""{"update":{"name":"projects/p/databases/(default)/documents/runs/r"},"currentDocument":{"updateTime":"2026-11-24T10:15:00.123456Z"}}""");
    }

    [Fact]
    public void RunDocument_KeepsQueriedFieldsTyped_AndTheRunExactly()
    {
        var builder = new RunBuilder().TasksRunning(10);
        var state = builder.State with { UpdatedAt = builder.Now.AddTicks(7) };
        var command = new CancelJob(RunBuilder.Run, builder.ActiveJob);
        var outbox = new List<OutboxEntry> { new(command, RunBuilder.Start, 3) };
        var run = new StoredRun(state, RunPolicy.Default, 12, outbox);

        var fields = RunDocument.Encode(run);

        fields["run_id"].ShouldBe(FirestoreValue.Of("20261124-101500-a1b2c3d4"));
        fields["exp_id"].ShouldBe(FirestoreValue.Of("flu/round05"));
        fields["status"].ShouldBe(FirestoreValue.Of(RunStatus.RunningTasks.ToWire()));
        fields["terminal"].ShouldBe(FirestoreValue.Of(false));
        fields["has_outbox"].ShouldBe(FirestoreValue.Of(true));
        fields["version"].IntegerValue.ShouldBe("12");
        fields["created_at"].TimestampValue.ShouldBe("2026-11-24T10:15:00.000000Z");
        fields["updated_at"].TimestampValue.ShouldBe(FirestoreTimestamp.Format(state.UpdatedAt));
        var entry = fields["outbox"].AsArray().Single().AsMap();
        entry["command_id"].AsString().ShouldBe(command.CommandId);
        entry["attempts"].IntegerValue.ShouldBe("3");

        var read = RunDocument.Decode(new FirestoreDocument("runs/x", fields));
        read.State.ShouldBe(state);
        read.Policy.ShouldBe(RunPolicy.Default);
        read.Version.ShouldBe(12);
        read.Outbox.ShouldBe(outbox);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData(".")]
    [InlineData("__x__")]
    [InlineData("")]
    public void EventMarkerIds_AreHexOfSha256_WhateverTheEventId(string eventId)
    {
        var path = RunDocument.EventPath(RunBuilder.Run, eventId);

        path.ShouldStartWith("runs/20261124-101500-a1b2c3d4/events/");
        path.Split('/')[^1].ShouldMatch("^[0-9a-f]{64}$");
    }

    [Fact]
    public void Append_KeepsWaitingCommandsAsTheyAre_AndAddsEachNewCommandOnce()
    {
        var run = RunBuilder.Run;
        var waiting = new OutboxEntry(new CancelJob(run, RunBuilder.Builder(1)), RunBuilder.Start, 2);

        var outbox = RunDocument.Append([waiting], [new CancelJob(run, RunBuilder.Builder(1)), new CancelJob(run, RunBuilder.Builder(2)), new CancelJob(run, RunBuilder.Builder(2))], RunBuilder.Start.AddTicks(15));

        outbox.ShouldBe([waiting, new OutboxEntry(new CancelJob(run, RunBuilder.Builder(2)), RunBuilder.Start.AddTicks(10), 0)]);
    }
}
