using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Stop a job (a no-op when it is already final or gone).</summary>
/// <param name="Run">The run.</param>
/// <param name="Job">The job.</param>
public sealed record CancelJob(RunId Run, JobId Job) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => $"cancel:{Job}";
}
