namespace Epy.Cli;

/// <summary>The exit codes of <c>epycloud</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done; the run succeeded.</summary>
    public const int Ok = 0;

    /// <summary>The run failed (or was cancelled by someone else), or the server said no.</summary>
    public const int RunFailed = 1;

    /// <summary>Bad configuration or arguments: nothing was started.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Interrupted with Ctrl-C; the run was cancelled cleanly.</summary>
    public const int Interrupted = 130;
}
