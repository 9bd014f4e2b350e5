namespace Epy.Cli.Storage;

/// <summary>What <see cref="IBucketReader.ListAsync"/> found, both lists in name order.</summary>
/// <param name="Objects">The objects.</param>
/// <param name="Prefixes">The sub-folders (delimited listings only), each ending in '/'.</param>
public sealed record BucketListing(IReadOnlyList<BucketObject> Objects, IReadOnlyList<string> Prefixes);
