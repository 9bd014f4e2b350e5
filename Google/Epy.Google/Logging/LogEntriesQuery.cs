namespace Epy.Google.Logging;

/// <summary>What <see cref="CloudLoggingClient.ListAsync"/> asks for.</summary>
/// <param name="Project">The project whose logs are read (<c>resourceNames: ["projects/{Project}"]</c>).</param>
/// <param name="Filter">A Logging query language filter.</param>
/// <param name="NewestFirst">Order by <c>timestamp desc</c> instead of <c>timestamp asc</c>.</param>
/// <param name="Limit">At most this many entries; all of them when null.</param>
public sealed record LogEntriesQuery(string Project, string Filter, bool NewestFirst = false, int? Limit = null);
