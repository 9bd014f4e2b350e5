using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Tests.Fakes;

/// <summary>
/// Run artifacts whose builder manifest always counts <paramref name="tasks"/> tasks; records are dropped, there are no
/// outputs, and the task results are those <see cref="Results"/> names.
/// </summary>
public sealed class FixedTaskCount(int tasks) : IRunArtifacts
{
    /// <summary>The task indices whose result exists (every run's); null: the store cannot list them.</summary>
    public IReadOnlyList<int>? Results { get; set; } = [];

    /// <summary>While true, listing the results fails as Cloud Storage down does.</summary>
    public bool ResultsUnreadable { get; set; }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken) =>
        ResultsUnreadable ? throw new CommandFailedException("Cloud Storage could not be reached") : Task.FromResult(Results);

    /// <inheritdoc />
    public Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult(tasks);

    /// <inheritdoc />
    public Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<string>>([]);

    /// <inheritdoc />
    public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);
}
