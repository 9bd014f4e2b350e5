using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Reliability.Tests.Faults;

/// <summary>The real job runner and artifact store, seen through one process's life: it may die before or after any command's call.</summary>
public sealed class KillablePorts(IJobRunner jobs, IRunArtifacts artifacts, KillSwitch life) : IJobRunner, IRunArtifacts
{
    public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken) =>
        life.AroundCommandAsync(spec.Id.Run, async () =>
        {
            await jobs.SubmitAsync(spec, cancellationToken);
            return true;
        });

    public Task CancelAsync(JobId job, CancellationToken cancellationToken) =>
        life.AroundCommandAsync(job.Run, async () =>
        {
            await jobs.CancelAsync(job, cancellationToken);
            return true;
        });

    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return jobs.GetAsync(job, cancellationToken);
    }

    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken) =>
        life.AroundCommandAsync(job.Run, () => jobs.ListFailedTasksAsync(job, cancellationToken));

    public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) =>
        life.AroundCommandAsync(paths.Run, () => artifacts.ReadTaskCountAsync(paths, cancellationToken));

    public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) =>
        life.AroundCommandAsync(paths.Run, () => artifacts.ListTaskResultsAsync(paths, cancellationToken));

    public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return artifacts.OpenOutputAsync(paths, name, cancellationToken);
    }

    public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        life.AroundCommandAsync(paths.Run, async () =>
        {
            await artifacts.WriteRunRecordAsync(paths, json, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        life.ThrowIfDead();
        return artifacts.ListOutputsAsync(paths, cancellationToken);
    }
}
