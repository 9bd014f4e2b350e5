using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Commands;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Cloud.Tests.Firestore;

/// <summary>
/// A job runner and artifact store that accept every command and report nothing but that every job asked about still
/// runs (a cancel is sent, the job has not stopped yet): the tests drive the events.
/// </summary>
public sealed class NoJobs : IJobRunner, IRunArtifacts
{
    public Task SubmitAsync(JobSpec spec, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CancelAsync(JobId job, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<JobStatus?> GetAsync(JobId job, CancellationToken cancellationToken) =>
        Task.FromResult<JobStatus?>(new JobStatus(JobState.Running, new TaskCounts(0, 1, 0, 0)));

    public Task<IReadOnlyList<FailedTask>> ListFailedTasksAsync(JobId job, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FailedTask>>([]);

    public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult(0);

    public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<int>?>(null);

    public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
}
