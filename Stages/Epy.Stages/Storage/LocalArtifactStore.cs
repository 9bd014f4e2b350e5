using System.Runtime.CompilerServices;

namespace Epy.Stages.Storage;

/// <summary>
/// An <see cref="IArtifactStore"/> over a local folder laid out like the bucket: the object
/// <c>a/b/c.json</c> is the file <c>{root}/a/b/c.json</c>. Writes go to a temporary file beside the
/// target and are renamed into place, so readers never see a partial file.
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    /// <summary>Temporary files start with this; listings skip them.</summary>
    internal const string TempPrefix = ".epy-tmp-";

    private const int BufferSize = 81920;

    /// <summary>Creates a store rooted at <paramref name="root"/>, which is created if missing.</summary>
    /// <param name="root">The folder that plays the bucket.</param>
    public LocalArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    /// <summary>The absolute root folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public async Task WriteAsync(string path, Stream content, WriteMode mode, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        ArgumentNullException.ThrowIfNull(content);
        var target = FullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, TempPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, BufferSize, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            if (mode == WriteMode.Overwrite)
            {
                File.Move(temp, target, overwrite: true);
                return;
            }

            // Of concurrent CreateOnly writers exactly one wins.
            if (!ExclusiveRename.TryMove(temp, target))
                throw new ArtifactExistsException(path);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <inheritdoc />
    public Task<Stream?> OpenReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete lets a writer rename a new version over this one while it is being read.
            Stream stream = new FileStream(
                FullPath(path), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException && !File.Exists(FullPath(path)))
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(FullPath(path)));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArtifactPath.ValidatePrefix(prefix);
        var lastSlash = prefix.LastIndexOf('/');
        var folder = lastSlash < 0 ? Root : FullPath(prefix[..lastSlash]);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file).StartsWith(TempPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        ArtifactPath.Validate(path);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(FullPath(path));
        }
        catch (DirectoryNotFoundException)
        {
            // Its folder is gone, so the object is too: deleting a missing object does nothing.
        }

        return Task.CompletedTask;
    }

    private string FullPath(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
