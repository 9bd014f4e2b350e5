namespace Epy.Google.Storage;

/// <summary>One page of a listing.</summary>
/// <param name="Objects">The objects on this page, in name order.</param>
/// <param name="Prefixes">The "folders" on this page (delimited listings only), each ending in the delimiter.</param>
public sealed record StoragePage(IReadOnlyList<StorageItem> Objects, IReadOnlyList<string> Prefixes);
