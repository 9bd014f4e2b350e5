namespace Epy.Stages.Storage;

/// <summary>
/// A flat store of named objects laid out like the run bucket: <c>{dir_prefix}{exp_id}/{run_id}/...</c>.
/// Names are relative, '/'-separated object names (see <see cref="ArtifactPath"/>); there are no folders,
/// only names that share a prefix.
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Writes <paramref name="content"/> (read to its end, from its current position) as the object
    /// <paramref name="path"/>. A reader sees either the old object or the whole new one, never a part.
    /// </summary>
    /// <param name="path">The object name.</param>
    /// <param name="content">The bytes to store; not disposed.</param>
    /// <param name="mode">Whether an existing object is replaced or the write fails.</param>
    /// <param name="cancellationToken">Cancels the write; nothing partial becomes visible.</param>
    /// <exception cref="ArtifactExistsException">The mode is <see cref="WriteMode.CreateOnly"/> and the object exists.</exception>
    /// <exception cref="ArgumentException">The path is not a valid object name.</exception>
    Task WriteAsync(string path, Stream content, WriteMode mode, CancellationToken cancellationToken = default);

    /// <summary>Opens the object for reading, or returns null when it does not exist. The caller disposes the stream.</summary>
    /// <param name="path">The object name.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Whether the object exists.</summary>
    /// <param name="path">The object name.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every object name starting with <paramref name="prefix"/> (a plain string prefix, not a folder:
    /// <c>a/b</c> matches <c>a/bc</c>), in ordinal order, across all pages.
    /// </summary>
    /// <param name="prefix">The name prefix; empty lists everything.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    IAsyncEnumerable<string> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes the object; deleting a missing object does nothing, so a repeated delete is harmless.</summary>
    /// <param name="path">The object name.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    Task DeleteAsync(string path, CancellationToken cancellationToken = default);
}
