using Epy.Contracts.Builder;

namespace Epy.Stages.Pipeline;

/// <summary>
/// A temporary local forecast repository rebuilt from a run folder's copies: the configs under
/// <c>experiments/{exp_id}/config/</c> and each data file at its repository-relative path, every
/// file checked against its digest. The output stage loads the experiment from it exactly as the
/// builder did from the real repository (the runner needs no workspace: its input holds everything).
/// Deleted on dispose.
/// </summary>
public sealed class RunWorkspace : IDisposable
{
    private RunWorkspace(string root) => Root = root;

    /// <summary>The workspace's root: use it as the forecast repository.</summary>
    public string Root { get; }

    /// <summary>The codebook's copy, when the builder shipped one.</summary>
    public string CodebookPath => Path.Combine(Root, "reference", Names.Codebook);

    /// <summary>FluSight's locations table, when the builder shipped one.</summary>
    public string FlusightLocationsPath => Path.Combine(Root, "reference", Names.FlusightLocations);

    /// <summary>Copies <paramref name="configs"/> and <paramref name="data"/> out of <paramref name="run"/>.</summary>
    /// <exception cref="StageException">A copy is missing or its digest differs (bad input).</exception>
    public static async Task<RunWorkspace> CreateAsync(RunFolder run, string expId, IReadOnlyList<ArtifactDigest> configs, IReadOnlyList<ArtifactDigest> data,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var workspace = new RunWorkspace(Directory.CreateTempSubdirectory("epy-stage-").FullName);
        try
        {
            var configFolder = Path.Combine(workspace.Root, "experiments", expId, "config");
            foreach (var file in configs)
                await FetchAsync(run, file, Path.Combine(configFolder, Path.GetFileName(file.Name)), cancellationToken).ConfigureAwait(false);
            foreach (var file in data)
                await FetchAsync(run, file, workspace.Local(file.Name), cancellationToken).ConfigureAwait(false);
            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>The local path of a repository-relative name (reference tables live under <c>reference/</c>).</summary>
    private string Local(string name)
    {
        var full = Path.GetFullPath(Path.Combine(Root, name));
        if (!full.StartsWith(Root, StringComparison.Ordinal))
            throw StageException.BadInput($"'{name}' leaves the forecast repository");
        return full;
    }

    private static async Task FetchAsync(RunFolder run, ArtifactDigest file, string target, CancellationToken cancellationToken)
    {
        var path = run.Paths.Root + file.Path;
        var bytes = await run.ReadBytesAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw StageException.BadInput($"{path} is missing (a copy the builder made)");
        var digest = RunFolder.Sha256(bytes);
        if (digest != file.Sha256)
            throw StageException.BadInput($"{path} has SHA-256 {digest}, the builder recorded {file.Sha256}");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllBytesAsync(target, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>The names of the reference tables in <c>builder-artifacts/reference/</c> and the workspace.</summary>
    public static class Names
    {
        /// <summary>The location codebook.</summary>
        public const string Codebook = "location_codebook.csv";

        /// <summary>FluSight's locations table.</summary>
        public const string FlusightLocations = "flusight_locations.csv";
    }
}
