using Epy.Cli.Targets;

namespace Epy.Cli.Storage;

/// <summary>Opens the reader a <see cref="StorageTarget"/> names: the bucket, or the local folder.</summary>
public static class BucketReaders
{
    /// <summary>The reader of <paramref name="target"/>; <paramref name="http"/> serves the bucket's calls.</summary>
    public static IBucketReader Open(StorageTarget target, HttpClient http, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsCloud)
        {
            if (!Directory.Exists(target.LocalRoot))
                throw CliException.Configuration($"no local runs at {target.LocalRoot}",
                    "run from the forecast repository (or pass --project-dir / --state-dir), or name a bucket with --bucket or google_cloud.bucket_name ('epycloud config set')");
            return new FolderBucketReader(target.LocalRoot);
        }
        return new GcsBucketReader(http, AccessTokens.For(target.Emulator, env), target.Bucket!, target.StorageBaseUri);
    }
}
