using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Write the run's final record (<c>run_metadata.json</c> beside its outputs).</summary>
/// <param name="Run">The run.</param>
/// <param name="Experiment">The experiment.</param>
/// <param name="Status">The final status.</param>
/// <param name="Sequence">Which ending this is: the run's manual resumes when it ended (a run only ends again after a resume), so a resumed run that ends again writes anew.</param>
public sealed record WriteRunMetadata(RunId Run, ExperimentId Experiment, RunStatus Status, int Sequence) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => $"metadata:{Sequence}:{Status.ToWire().ToLowerInvariant()}";
}
