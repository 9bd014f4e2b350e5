using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>
/// Something the host must do for a run after a decision is committed. Commands wait in the run's
/// outbox until done; <see cref="CommandId"/> is deterministic, so carrying one out twice has the
/// effect of once (it is the Batch <c>requestId</c> and the job id).
/// </summary>
/// <param name="Run">The run.</param>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(SubmitJob), "submit_job")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(CountInputs), "count_inputs")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(ListFailedTasks), "list_failed_tasks")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(CancelJob), "cancel_job")]
// The command's old name: outboxes stored in SQLite and Firestore hold it, so it stays.
[System.Text.Json.Serialization.JsonDerivedType(typeof(WriteRunRecord), "write_run_metadata")]
public abstract record RunCommand(RunId Run)
{
    /// <summary>The command's deterministic id, unique within its run.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public abstract string CommandId { get; }

    /// <summary>A short name for logs: <c>SubmitJob</c>, ...</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Kind => GetType().Name;
}
