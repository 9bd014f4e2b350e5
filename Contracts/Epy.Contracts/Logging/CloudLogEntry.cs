namespace Epy.Contracts.Logging;

/// <summary>One log entry, before it is written as text or JSON.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="Severity">A <see cref="CloudSeverity"/> name.</param>
/// <param name="Message">The message, formatted.</param>
public sealed record CloudLogEntry(DateTimeOffset Time, string Severity, string Message)
{
    /// <summary>Who wrote it: a logger category or a program name; null for none.</summary>
    public string? Logger { get; init; }

    /// <summary>The W3C trace id (32 hex digits) of the span it was written in, or null.</summary>
    public string? TraceId { get; init; }

    /// <summary>The span id (16 hex digits), or null.</summary>
    public string? SpanId { get; init; }

    /// <summary>Whether the trace is sampled (recorded).</summary>
    public bool TraceSampled { get; init; }

    /// <summary>The Google Cloud project the trace belongs to; without it the trace field is left out (Cloud Logging needs the full name).</summary>
    public string? Project { get; init; }

    /// <summary>More fields, by name (<see cref="LogFields"/>): strings, numbers and booleans; the first of a name wins.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; init; } = [];

    /// <summary>The exception's text (type, message, stack), or null.</summary>
    public string? Exception { get; init; }
}
