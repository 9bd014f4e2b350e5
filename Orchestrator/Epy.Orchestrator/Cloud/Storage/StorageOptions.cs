namespace Epy.Orchestrator.Cloud.Storage;

/// <summary>
/// Where the orchestrator reads and writes run files (section <c>Storage</c>). The bucket and the
/// prefix are the stages' own: <c>Batch:Bucket</c> and <c>Batch:DirPrefix</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>The JSON API root, ending in '/' (<c>STORAGE_EMULATOR_HOST</c> replaces it).</summary>
    public Uri BaseUri { get; set; } = GcsRunArtifacts.DefaultBaseUri;

    /// <summary>What is wrong with these options (empty when they can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (BaseUri is null || !BaseUri.IsAbsoluteUri || !BaseUri.AbsolutePath.EndsWith('/'))
            yield return $"Storage:BaseUri '{BaseUri}' must be absolute and end in '/'";
    }
}
