namespace Epy.Orchestrator.Ports;

/// <summary>
/// A port could not carry out a command. <see cref="Permanent"/> failures (bad request, missing
/// manifest, permission denied) fail the run; others are retried.
/// </summary>
public sealed class CommandFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandFailedException(string message, bool permanent, Exception? inner = null)
        : base(message, inner) => Permanent = permanent;

    /// <summary>Creates a transient failure.</summary>
    public CommandFailedException() : this("command failed", false) { }

    /// <summary>Creates a transient failure.</summary>
    public CommandFailedException(string message) : this(message, false) { }

    /// <summary>Creates a transient failure.</summary>
    public CommandFailedException(string message, Exception inner) : this(message, false, inner) { }

    /// <summary>True when retrying cannot help.</summary>
    public bool Permanent { get; }
}
