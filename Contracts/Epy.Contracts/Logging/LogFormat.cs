namespace Epy.Contracts.Logging;

/// <summary>How a program writes its log lines.</summary>
public enum LogFormat
{
    /// <summary>Readable lines, for a terminal or a local log file.</summary>
    Text,

    /// <summary>One JSON object per line in Cloud Logging's structured form (<see cref="CloudLogJson"/>).</summary>
    Json,
}
