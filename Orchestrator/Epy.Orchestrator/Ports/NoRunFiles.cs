using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Ports;

/// <summary>A store with no run files, for an <see cref="IRunArtifacts"/> that cannot read them: the dashboard then shows none.</summary>
public sealed class NoRunFiles : IRunFiles
{
    /// <summary>The one instance.</summary>
    public static NoRunFiles Instance { get; } = new();

    private NoRunFiles()
    {
    }

    /// <inheritdoc />
    public Task<byte[]?> ReadAsync(ArtifactPaths paths, string relativePath, long maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult<byte[]?>(null);
}
