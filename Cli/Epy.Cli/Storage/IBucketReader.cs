namespace Epy.Cli.Storage;

/// <summary>Reads a bucket, or a local folder laid out like one: names use '/', prefixes end in '/'.</summary>
public interface IBucketReader
{
    /// <summary>
    /// The objects under <paramref name="prefix"/> (empty or ending in '/'). <paramref name="delimited"/>: only the
    /// objects directly in it, and its sub-folders as <see cref="BucketListing.Prefixes"/>; else every object below it.
    /// </summary>
    Task<BucketListing> ListAsync(string prefix, bool delimited, CancellationToken cancellationToken);

    /// <summary>Copies object <paramref name="name"/> to <paramref name="destination"/>.</summary>
    Task CopyToAsync(string name, Stream destination, CancellationToken cancellationToken);
}
