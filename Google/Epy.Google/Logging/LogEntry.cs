namespace Epy.Google.Logging;

/// <summary>One Cloud Logging entry, as much of it as a reader of task logs needs.</summary>
/// <param name="Timestamp">When it was written, when the entry says.</param>
/// <param name="Severity">Its severity name (<c>INFO</c>, <c>ERROR</c>, ...); <c>DEFAULT</c> when it has none.</param>
/// <param name="Labels">Its labels (Batch copies a job's labels onto its tasks' entries).</param>
/// <param name="Message">The <c>textPayload</c>, or the <c>jsonPayload</c>'s <c>message</c>, or the whole <c>jsonPayload</c>; trailing newlines trimmed.</param>
/// <param name="InsertId">Its <c>insertId</c>, unique among entries with the same timestamp.</param>
public sealed record LogEntry(DateTimeOffset? Timestamp, string Severity, IReadOnlyDictionary<string, string> Labels, string Message, string? InsertId);
