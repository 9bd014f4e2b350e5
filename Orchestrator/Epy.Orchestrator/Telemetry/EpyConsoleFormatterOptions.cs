using Epy.Contracts.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Epy.Orchestrator.Telemetry;

/// <summary>The options of <see cref="EpyConsoleFormatter"/>.</summary>
public sealed class EpyConsoleFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Readable lines, or Cloud Logging's JSON.</summary>
    public LogFormat Format { get; set; } = LogFormat.Text;

    /// <summary>The Google Cloud project of the traces, for the JSON's trace field; null leaves that field out.</summary>
    public string? Project { get; set; }
}
