using System.Globalization;

namespace Epy.Cli.Logs;

/// <summary>One line of a run's logs, from Cloud Logging or a local task log file.</summary>
/// <param name="Timestamp">When it was written (cloud only).</param>
/// <param name="Severity">Its Cloud Logging severity (<c>DEFAULT</c> locally).</param>
/// <param name="Stage">builder, runner or output, when known.</param>
/// <param name="TaskIndex">The task, when known.</param>
/// <param name="Message">The text.</param>
/// <param name="InsertId">Cloud Logging's id of the entry (to skip it when polling again).</param>
public sealed record LogLine(DateTimeOffset? Timestamp, string Severity, string? Stage, int? TaskIndex, string Message, string? InsertId = null)
{
    /// <summary><c>2026-11-24T10:15:00.123Z ERROR   runner[3] text</c> (no time or severity for local lines).</summary>
    public string Format()
    {
        var where = Stage is null ? "" : TaskIndex is { } i ? string.Create(CultureInfo.InvariantCulture, $"{Stage}[{i}] ") : $"{Stage} ";
        return Timestamp is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {Severity,-8}{where}{Message}")
            : $"{where}{Message}";
    }
}
