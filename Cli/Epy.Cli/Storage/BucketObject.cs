namespace Epy.Cli.Storage;

/// <summary>One object of a bucket (or file of the local folder).</summary>
/// <param name="Name">Its full name, '/'-separated.</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record BucketObject(string Name, long Size);
