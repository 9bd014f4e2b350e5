namespace Epy.Cli;

/// <summary>The orchestrator refused a request; the message holds its problem detail.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiException() { }

    /// <summary>Creates the exception.</summary>
    public ApiException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public ApiException(string message, Exception inner) : base(message, inner) { }

    /// <summary>What to do about it, or null.</summary>
    public string? Hint { get; init; }
}
