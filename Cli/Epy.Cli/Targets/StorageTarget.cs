namespace Epy.Cli.Targets;

/// <summary>
/// Where runs' files are: a bucket (<see cref="Bucket"/> set) or the local state folder's bucket folder
/// (<see cref="LocalRoot"/>), both laid out as <c>{dir_prefix}{exp_id}/{run_id}/...</c>.
/// </summary>
/// <param name="Bucket">The Cloud Storage bucket, or null for the local folder.</param>
/// <param name="DirPrefix">The prefix inside it, empty or ending in '/'.</param>
/// <param name="LocalRoot">The local folder laid out like the bucket (<c>{state_dir}/bucket</c>).</param>
/// <param name="StorageBaseUri">The JSON API root ending in '/' (<c>STORAGE_EMULATOR_HOST</c> replaces it).</param>
/// <param name="Emulator">True when <see cref="StorageBaseUri"/> is an emulator: calls carry no token.</param>
public sealed record StorageTarget(string? Bucket, string DirPrefix, string LocalRoot, Uri StorageBaseUri, bool Emulator)
{
    /// <summary>True when the files are in the bucket.</summary>
    public bool IsCloud => Bucket is not null;

    /// <summary>Where a name lives, for messages: <c>gs://bucket/name</c> or the local path.</summary>
    public string Describe(string name) => IsCloud ? $"gs://{Bucket}/{name}" : Path.Combine(LocalRoot, name);
}
