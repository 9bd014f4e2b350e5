namespace Epy.Testing.CloudLogging;

/// <summary>One entry held by <see cref="FakeCloudLogging"/>.</summary>
public sealed record FakeLogEntry(string LogName, DateTimeOffset Timestamp, string Severity, string Text, IReadOnlyDictionary<string, string> Labels, string InsertId);
