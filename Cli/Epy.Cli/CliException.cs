namespace Epy.Cli;

/// <summary>
/// A command cannot go on: <see cref="Exception.Message"/> is the one line printed, <see cref="Hint"/> what
/// to do about it, <see cref="ExitCode"/> the exit code (<see cref="ExitCodes"/>). <see cref="CliAction"/> prints it
/// like a <see cref="Configuration.ConfigurationException"/> or an <see cref="ApiException"/>.
/// </summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the failure.</summary>
    public CliException(string message, string? hint, int exitCode) : base(message)
    {
        Hint = hint;
        ExitCode = exitCode;
    }

    /// <summary>Creates a configuration failure (exit 2).</summary>
    public CliException() : this("failed", null, ExitCodes.ConfigurationError) { }

    /// <summary>Creates a configuration failure (exit 2).</summary>
    public CliException(string message) : this(message, null, ExitCodes.ConfigurationError) { }

    /// <summary>Creates a configuration failure (exit 2).</summary>
    public CliException(string message, Exception inner) : base(message, inner)
    {
        ExitCode = ExitCodes.ConfigurationError;
    }

    /// <summary>What the user can do about it, or null.</summary>
    public string? Hint { get; }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Bad settings or arguments: nothing was done (exit 2).</summary>
    public static CliException Configuration(string message, string? hint = null) => new(message, hint, ExitCodes.ConfigurationError);

    /// <summary>The work failed (exit 1).</summary>
    public static CliException Failed(string message, string? hint = null) => new(message, hint, ExitCodes.RunFailed);
}
