namespace Epy.Cli;

/// <summary>
/// A command cannot go on: <see cref="Exception.Message"/> is the one line printed, <see cref="Hint"/> what
/// to do about it, <see cref="ExitCode"/> the exit code (<see cref="ExitCodes"/>).
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

    /// <summary>Prints the failure (<c>epycloud: message</c>, then <c>hint: ...</c>) and returns its exit code.</summary>
    public int Report(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine($"epycloud: {Message}");
        if (Hint is not null)
            error.WriteLine($"  hint: {Hint}");
        return ExitCode;
    }

    /// <summary>Runs <paramref name="action"/>, turning a <see cref="CliException"/> into its report and Ctrl-C into 130.</summary>
    public static async Task<int> GuardAsync(TextWriter error, Func<Task<int>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (CliException failure)
        {
            return failure.Report(error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
    }
}
