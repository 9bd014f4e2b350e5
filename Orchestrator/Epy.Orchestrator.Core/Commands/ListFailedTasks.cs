using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Core.Commands;

/// <summary>List the failed tasks of a failed runner job (<see cref="Events.FailedTasksListed"/>).</summary>
/// <param name="Run">The run.</param>
/// <param name="Job">The failed job.</param>
public sealed record ListFailedTasks(RunId Run, JobId Job) : RunCommand(Run)
{
    /// <inheritdoc />
    public override string CommandId => $"list-failed:{Job}";
}
