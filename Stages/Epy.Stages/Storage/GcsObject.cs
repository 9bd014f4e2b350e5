namespace Epy.Stages.Storage;

/// <summary>The parts of a Cloud Storage object resource this store reads or sends (JSON API v1).</summary>
/// <param name="Name">The object name.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Generation">Its generation, a decimal number as a string.</param>
internal sealed record GcsObject(string Name, string? ContentType = null, string? Generation = null);
