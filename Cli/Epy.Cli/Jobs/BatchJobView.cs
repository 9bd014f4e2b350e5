using System.Text.Json;
using Epy.Orchestrator.Cloud.Batch;

namespace Epy.Cli.Jobs;

/// <summary>A Batch job as <c>run job --wait</c> shows it: its state, its task counts, and why it waits (a quota, no capacity), if it says.</summary>
/// <param name="State">Batch's state name: <c>QUEUED</c>, <c>SCHEDULED</c>, <c>RUNNING</c>, <c>SUCCEEDED</c>, <c>FAILED</c>, <c>CANCELLED</c>, ...</param>
/// <param name="Succeeded">Tasks succeeded.</param>
/// <param name="Failed">Tasks failed (or left unexecuted).</param>
/// <param name="WaitReason">Batch's latest explanation of a wait, or null.</param>
public sealed record BatchJobView(string State, int Succeeded, int Failed, string? WaitReason)
{
    /// <summary>True when the job will not change any more.</summary>
    public bool IsFinal => State is "SUCCEEDED" or "FAILED" or "CANCELLED";

    /// <summary>Reads a <c>jobs.get</c> answer (<see cref="BatchJobReader"/>); an unset state is <c>QUEUED</c>.</summary>
    public static BatchJobView From(JsonElement job)
    {
        var status = BatchJobReader.Status(job);
        return new BatchJobView(BatchJobReader.RawState(job) is { Length: > 0 } raw and not "STATE_UNSPECIFIED" ? raw : "QUEUED",
            status.Counts.Succeeded, status.Counts.Failed, status.WaitReason);
    }

    /// <summary>One line: <c>RUNNING</c>, <c>QUEUED (no capacity ...)</c>.</summary>
    public override string ToString() => WaitReason is { } why ? $"{State} ({why})" : State;
}
