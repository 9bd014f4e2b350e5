namespace Epy.Google.Storage;

/// <summary>One object of a listing.</summary>
/// <param name="Name">Its full name.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record StorageItem(string Name, long Size);
