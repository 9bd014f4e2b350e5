using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>Stop a job (a no-op when it is already final or gone).</summary>
/// <param name="Run">The run.</param>
/// <param name="Job">The job.</param>
/// <param name="Try">0 for the first cancel of the job; a cancel sent again (after a deadline while stopping) counts up, so it gets an id of its own.</param>
public sealed record CancelJob(RunId Run, JobId Job, int Try = 0) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => Try == 0 ? $"cancel:{Job}" : $"cancel:{Job}:{Try}";
}
