using Epy.Cli.Targets;
using Epy.Google.Storage;

namespace Epy.Cli.Storage;

/// <summary>Opens the reader a <see cref="StorageTarget"/> names: the bucket, or the local folder.</summary>
public static class BucketReaders
{
    /// <summary>The reader of <paramref name="target"/>; one attempt of a bucket call may take <paramref name="attemptTimeout"/>.</summary>
    public static IBucketReader Open(StorageTarget target, Func<string, string?> env, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsCloud)
        {
            if (!Directory.Exists(target.LocalRoot))
                throw CliException.Configuration($"no local runs at {target.LocalRoot}",
                    "run from the forecast repository (or pass --project-dir / --state-dir), or name a bucket with --bucket or google_cloud.bucket_name ('epycloud config set')");
            return new FolderBucketReader(target.LocalRoot);
        }
        var client = AccessTokens.Guard(() => StorageClients.Create(
            target.Emulator ? target.StorageBaseUri : null, target.Emulator ? null : AccessTokens.Credential(env)));
        return new GcsBucketReader(new StorageBucket(client, target.Bucket!, new StorageSettings { AttemptTimeout = attemptTimeout }, TimeProvider.System));
    }
}
