namespace Epy.Stages.Storage;

/// <summary>What a write does when the object already exists.</summary>
public enum WriteMode
{
    /// <summary>Replace the existing object.</summary>
    Overwrite,

    /// <summary>Write once: fail with <see cref="ArtifactExistsException"/> if the object exists (GCS <c>ifGenerationMatch=0</c>).</summary>
    CreateOnly,
}
