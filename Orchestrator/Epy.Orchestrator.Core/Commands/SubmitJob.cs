using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Create the job <paramref name="Spec"/> describes (a no-op if it already exists).</summary>
/// <param name="Run">The run.</param>
/// <param name="Spec">The job.</param>
public sealed record SubmitJob(RunId Run, JobSpec Spec) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => $"submit:{Spec.Id}";
}
