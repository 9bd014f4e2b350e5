namespace Epy.Contracts.Logging;

/// <summary>Cloud Logging's severity names (<c>LogSeverity</c>), the values of a JSON entry's <c>severity</c>.</summary>
public static class CloudSeverity
{
    /// <summary>Debug or trace information.</summary>
    public const string Debug = "DEBUG";

    /// <summary>Routine information: progress, a state change.</summary>
    public const string Info = "INFO";

    /// <summary>Something may cause trouble: a retry, a refused request.</summary>
    public const string Warning = "WARNING";

    /// <summary>Something failed.</summary>
    public const string Error = "ERROR";

    /// <summary>A failure the program cannot go on after.</summary>
    public const string Critical = "CRITICAL";
}
