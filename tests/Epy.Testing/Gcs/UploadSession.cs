namespace Epy.Testing.Gcs;

/// <summary>A resumable upload session held by <see cref="FakeGcsServer"/>.</summary>
public sealed class UploadSession(string name, string contentType, string? ifGenerationMatch)
{
    public string Name { get; } = name;

    public string ContentType { get; } = contentType;

    public string? IfGenerationMatch { get; } = ifGenerationMatch;

    /// <summary>The bytes persisted so far.</summary>
    public MemoryStream Data { get; } = new();

    /// <summary>The object resource once the upload completed; later requests answer with it.</summary>
    public Dictionary<string, object>? Completed { get; set; }
}
