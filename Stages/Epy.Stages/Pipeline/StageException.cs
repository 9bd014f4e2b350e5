using Epy.Contracts.Runs;

namespace Epy.Stages.Pipeline;

/// <summary>A stage cannot go on; <see cref="ExitCode"/> says whether a retry may help.</summary>
public sealed class StageException : Exception
{
    /// <summary>Creates a failure with exit code <paramref name="exitCode"/> and a one-line reason.</summary>
    public StageException(int exitCode, string message, Exception? inner = null) : base(message, inner)
    {
        ExitCode = exitCode;
    }

    /// <summary>Not used: a failure always carries its exit code.</summary>
    public StageException() : this(StageExitCodes.BadInput, "stage failure") { }

    /// <summary>Not used: a failure always carries its exit code.</summary>
    public StageException(string message) : this(StageExitCodes.BadInput, message) { }

    /// <summary>Not used: a failure always carries its exit code.</summary>
    public StageException(string message, Exception inner) : this(StageExitCodes.BadInput, message, inner) { }

    /// <summary><see cref="StageExitCodes.BadInput"/> or <see cref="StageExitCodes.Transient"/>.</summary>
    public int ExitCode { get; }

    /// <summary>Bad input, not worth retrying.</summary>
    public static StageException BadInput(string message, Exception? inner = null) => new(StageExitCodes.BadInput, message, inner);

    /// <summary>A transient failure, worth retrying.</summary>
    public static StageException Transient(string message, Exception? inner = null) => new(StageExitCodes.Transient, message, inner);
}
