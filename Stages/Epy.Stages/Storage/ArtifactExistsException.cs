namespace Epy.Stages.Storage;

/// <summary>A <see cref="WriteMode.CreateOnly"/> write found the object already there; the existing object is unchanged.</summary>
public sealed class ArtifactExistsException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    /// <param name="path">The object name that exists.</param>
    public ArtifactExistsException(string path)
        : base($"The artifact '{path}' already exists and was written once only.") => Path = path;

    /// <summary>Creates the exception with a message.</summary>
    public ArtifactExistsException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> with its cause.</summary>
    /// <param name="path">The object name that exists.</param>
    /// <param name="innerException">The failure that revealed it.</param>
    public ArtifactExistsException(string path, Exception? innerException)
        : base($"The artifact '{path}' already exists and was written once only.", innerException) => Path = path;

    /// <summary>The object name that exists.</summary>
    public string Path { get; }
}
