using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Read the builder's manifest and report the task count (<see cref="Events.InputsCounted"/>).</summary>
/// <param name="Run">The run.</param>
/// <param name="Experiment">The experiment (the manifest's folder).</param>
/// <param name="BuilderJob">The builder job that wrote it.</param>
/// <param name="Round">
/// Which count of this builder's manifest this is: the run's manual resumes when it was asked for. A
/// resume after a failed count counts the same builder's manifest again, and that count needs an id
/// of its own: the host drops a result whose event id (<c>{CommandId}:done</c>) it has processed.
/// </param>
public sealed record CountInputs(RunId Run, ExperimentId Experiment, JobId BuilderJob, int Round = 0) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => Round == 0 ? $"count:{BuilderJob}" : $"count:{BuilderJob}:{Round}";
}
