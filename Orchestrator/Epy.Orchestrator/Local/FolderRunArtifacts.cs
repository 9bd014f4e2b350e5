using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Local;

/// <summary>The run files the orchestrator touches and the dashboard shows, in a folder laid out like the bucket.</summary>
public sealed class FolderRunArtifacts(string root) : IRunArtifacts, IRunFiles
{
    /// <inheritdoc />
    public async Task<int> ReadTaskCountAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var file = Path.Combine(root, paths.Manifest);
        if (!File.Exists(file))
            throw ManifestReader.Missing(file);
        var json = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        return ManifestReader.TaskCount(json, file);
    }

    /// <inheritdoc />
    public async Task WriteRunRecordAsync(ArtifactPaths paths, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var file = Path.Combine(root, paths.RunRecord);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(temporary, json.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, file, overwrite: true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListOutputsAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var folder = Path.Combine(root, paths.Outputs);
        IReadOnlyList<string> files = Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Select(f => paths.Outputs + Path.GetFileName(f)).Order(StringComparer.Ordinal)]
            : [];
        return Task.FromResult(files);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>?> ListTaskResultsAsync(ArtifactPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var folder = Path.Combine(root, paths.TaskResults);
        IReadOnlyList<int> indices = Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder).Select(f => paths.TaskResultIndex(paths.TaskResults + Path.GetFileName(f))).OfType<int>().Order()]
            : [];
        return Task.FromResult<IReadOnlyList<int>?>(indices);
    }

    /// <inheritdoc />
    public Task<Stream?> OpenOutputAsync(ArtifactPaths paths, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        OutputFileName.Check(name);
        var folder = Path.GetFullPath(Path.Combine(root, paths.Outputs));
        var file = Path.GetFullPath(Path.Combine(folder, name));
        // The name is one safe segment already; this is the belt to those braces.
        if (!file.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(file))
            return Task.FromResult<Stream?>(null);
        return Task.FromResult<Stream?>(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true));
    }

    /// <inheritdoc />
    public async Task<byte[]?> ReadAsync(ArtifactPaths paths, string relativePath, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        RunFilePath.Check(relativePath);
        var file = Path.Combine(root, paths.Root + relativePath);
        if (!File.Exists(file))
            return null;
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        if (stream.Length > maxBytes)
            throw new CommandFailedException($"{file} holds {stream.Length} bytes, more than the {maxBytes} read here", permanent: true);
        var bytes = new byte[stream.Length];
        await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }
}
