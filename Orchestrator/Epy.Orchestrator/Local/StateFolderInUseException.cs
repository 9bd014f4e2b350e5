namespace Epy.Orchestrator.Local;

/// <summary>Another local orchestrator holds the state folder's lock (<see cref="StateFolderLock"/>).</summary>
public sealed class StateFolderInUseException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public StateFolderInUseException() { }

    /// <summary>Creates the exception.</summary>
    public StateFolderInUseException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public StateFolderInUseException(string message, Exception inner) : base(message, inner) { }
}
