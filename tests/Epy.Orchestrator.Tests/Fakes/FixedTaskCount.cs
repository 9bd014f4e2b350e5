using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Tests.Fakes;

/// <summary>Run artifacts whose builder manifest always counts <paramref name="tasks"/> tasks; records are dropped, there are no outputs.</summary>
public sealed class FixedTaskCount(int tasks) : IRunArtifacts
{
    /// <inheritdoc />
    public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult(tasks);

    /// <inheritdoc />
    public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
}
