using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;

namespace Epy.Orchestrator.Ports;

/// <summary>
/// Runs stage jobs (local child processes, or Cloud Batch). Every call is idempotent: submitting a job
/// id that exists, or cancelling a finished job, is a no-op. State changes are reported as
/// <see cref="Core.Events.JobStateChanged"/> events through the event path, never returned here.
/// </summary>
public interface IJobRunner
{
    /// <summary>Creates the job (no-op if it exists).</summary>
    Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken);

    /// <summary>Stops the job (no-op if it is final or unknown).</summary>
    Task CancelAsync(JobId job, CancellationToken cancellationToken);

    /// <summary>The job's state now, or null when the runner does not know it.</summary>
    Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken);

    /// <summary>The failed tasks of a job, by the job's own task index, with their last exit codes.</summary>
    Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken);
}
