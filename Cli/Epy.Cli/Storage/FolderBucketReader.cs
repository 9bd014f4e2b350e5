namespace Epy.Cli.Storage;

/// <summary>The local state folder's bucket folder (<c>{state_dir}/bucket</c>), read like a bucket.</summary>
public sealed class FolderBucketReader(string root) : IBucketReader
{
    /// <inheritdoc />
    public Task<BucketListing> ListAsync(string prefix, bool delimited, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var folder = Path.Combine(root, prefix);
        if (!Directory.Exists(folder))
            return Task.FromResult(new BucketListing([], []));
        var option = delimited ? SearchOption.TopDirectoryOnly : SearchOption.AllDirectories;
        var objects = Directory.EnumerateFiles(folder, "*", option)
            .Where(file => !Path.GetFileName(file).Contains(".tmp-", StringComparison.Ordinal))
            .Select(file => new BucketObject(NameOf(file), new FileInfo(file).Length))
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .ToList();
        IReadOnlyList<string> prefixes = delimited
            ? [.. Directory.EnumerateDirectories(folder).Select(d => NameOf(d) + "/").Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(new BucketListing(objects, prefixes));
    }

    /// <inheritdoc />
    public async Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken)
    {
        var source = File.OpenRead(Path.Combine(root, name));
        await using (source.ConfigureAwait(false))
            await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private string NameOf(string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
}
