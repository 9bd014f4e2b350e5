using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Read the builder's manifest and report the task count (<see cref="Events.InputsCounted"/>).</summary>
/// <param name="Run">The run.</param>
/// <param name="Experiment">The experiment (the manifest's folder).</param>
/// <param name="BuilderJob">The builder job that wrote it.</param>
public sealed record CountInputs(RunId Run, ExperimentId Experiment, JobId BuilderJob) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => $"count:{BuilderJob}";
}
