using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Bench.Load;

/// <summary>Cloud Storage for the load figures: each run's builder wrote the task count it was given (10 unless told).</summary>
internal sealed class BenchArtifacts : IRunArtifacts
{
    private readonly ConcurrentDictionary<RunId, int> _taskCounts = new();

    public void SetTaskCount(RunId run, int tasks) => _taskCounts[run] = tasks;

    public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) =>
        Task.FromResult(_taskCounts.GetValueOrDefault(paths.Run, 10));

    public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<int>?>(null);

    public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
}
