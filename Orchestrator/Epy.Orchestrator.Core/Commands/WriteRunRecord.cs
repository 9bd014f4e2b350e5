using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>
/// Write the orchestrator's record of the run as it ended (<c>run_record.json</c> beside its outputs; the
/// output stage's own <c>run_metadata.json</c> is another file).
/// </summary>
/// <param name="Run">The run.</param>
/// <param name="Experiment">The experiment.</param>
/// <param name="Status">The final status.</param>
/// <param name="Sequence">Which ending this is: the run's manual resumes when it ended (a run only ends again after a resume), so a resumed run that ends again writes anew.</param>
public sealed record WriteRunRecord(RunId Run, ExperimentId Experiment, RunStatus Status, int Sequence) : RunCommand(Run)
{
    /// <inheritdoc />
    /// <remarks>The id keeps its old <c>metadata:</c> prefix: outboxes and done-command sets stored in SQLite and Firestore hold it.</remarks>
    public override string CommandId => $"metadata:{Sequence}:{Status.ToWire().ToLowerInvariant()}";
}
