using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>The few run files the orchestrator reads and writes (a folder locally, Cloud Storage in the cloud).</summary>
public interface IRunArtifacts
{
    /// <summary>
    /// The task count from the builder's manifest (<c>builder-artifacts/manifest.json</c>).
    /// Throws <see cref="CommandFailedException"/> (permanent) when it is missing or malformed.
    /// </summary>
    Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken);

    /// <summary>
    /// The run's task indices whose Stage B result exists (<c>runner-artifacts/result_{00000}.json.gz</c>), in order;
    /// null when this store cannot list them. Throws <see cref="CommandFailedException"/> when the listing fails.
    /// </summary>
    /// <remarks>A resume without the list (null) runs the failed tasks again.</remarks>
    Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken);

    /// <summary>Writes (replacing) the orchestrator's record of the run, <c>run_record.json</c>.</summary>
    Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken);

    /// <summary>The files under the run's <c>outputs/</c>, as paths relative to the bucket or folder.</summary>
    Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken);

    /// <summary>
    /// Opens output file <paramref name="name"/> (a bare file name under the run's <c>outputs/</c>, see
    /// <see cref="OutputFileName.IsValid"/>) for reading; null when it does not exist.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a bare output file name.</exception>
    Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken);
}
