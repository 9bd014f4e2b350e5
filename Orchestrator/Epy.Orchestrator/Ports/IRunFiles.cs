using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>
/// The run files the dashboard shows besides its outputs, read whole and bounded: the builder's manifest, the
/// configs it copied under <c>config/</c> and the runner's results (a folder locally, Cloud Storage in the cloud).
/// </summary>
public interface IRunFiles
{
    /// <summary>
    /// The bytes of <paramref name="relativePath"/> under the run's folder (see <see cref="RunFilePath.IsValid"/>);
    /// null when it does not exist.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="relativePath"/> is not a run file path.</exception>
    /// <exception cref="CommandFailedException">The file holds more than <paramref name="maxBytes"/>, or the store could not be read.</exception>
    Task<byte[]?> ReadAsync(ArtifactPaths paths, string relativePath, long maxBytes, CancellationToken cancellationToken);
}
