namespace Epy.Stages.Storage;

/// <summary>The media type stored with an object, from its name, so the bucket browses sensibly.</summary>
internal static class ArtifactContentTypes
{
    /// <summary>
    /// The type for <paramref name="path"/>. Gzipped files are <c>application/gzip</c> with no
    /// <c>contentEncoding</c>, so Cloud Storage never transcodes them on download.
    /// </summary>
    public static string For(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".GZ" => "application/gzip",
        ".JSON" => "application/json",
        ".CSV" => "text/csv",
        ".YAML" or ".YML" => "application/yaml",
        ".PNG" => "image/png",
        ".TXT" or ".LOG" => "text/plain",
        _ => "application/octet-stream",
    };
}
