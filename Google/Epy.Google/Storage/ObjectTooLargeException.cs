namespace Epy.Google.Storage;

/// <summary>A bounded read found an object larger than its limit.</summary>
public sealed class ObjectTooLargeException : IOException
{
    /// <summary>Creates the exception for <paramref name="name"/>.</summary>
    public ObjectTooLargeException(string name, long limit)
        : base($"The object '{name}' is larger than {limit} bytes.") => Name = name;

    /// <summary>Creates the exception.</summary>
    public ObjectTooLargeException()
        : this(string.Empty, 0)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ObjectTooLargeException(string message, Exception? innerException)
        : base(message, innerException) => Name = string.Empty;

    /// <summary>The object's name.</summary>
    public string Name { get; }
}
