using Epy.Google.Logging;

namespace Epy.Cli.Logs;

/// <summary>A run's logs in Cloud Logging; polling asks again from the newest timestamp seen, skipping entries already shown.</summary>
public sealed class CloudLogSource(CloudLoggingClient client, string project, LogQuery query, TimeProvider time) : ILogSource
{
    private readonly HashSet<string> _seenAtLast = new(StringComparer.Ordinal);
    private DateTimeOffset? _last;

    /// <inheritdoc />
    public async Task<IReadOnlyList<LogLine>> ReadAsync(CancellationToken cancellationToken)
    {
        var filter = CloudLoggingFilter.Build(project, query);
        IReadOnlyList<LogLine> lines = query.Tail is { } tail
            ? [.. (await client.ListLinesAsync(project, filter, newestFirst: true, tail, cancellationToken).ConfigureAwait(false)).Reverse()]
            : await client.ListLinesAsync(project, filter, newestFirst: false, limit: null, cancellationToken).ConfigureAwait(false);
        var fresh = Remember(lines);
        // Following with nothing seen yet: from --since, else from now (not the whole run again).
        _last ??= query.Since ?? time.GetUtcNow();
        return fresh;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LogLine>> PollAsync(CancellationToken cancellationToken)
    {
        var filter = CloudLoggingFilter.Build(project, query, _last);
        var lines = await client.ListLinesAsync(project, filter, newestFirst: false, limit: null, cancellationToken).ConfigureAwait(false);
        return Remember(lines);
    }

    private List<LogLine> Remember(IReadOnlyList<LogLine> lines)
    {
        var fresh = new List<LogLine>();
        foreach (var line in lines)
        {
            if (line.InsertId is { } id && line.Timestamp == _last && _seenAtLast.Contains(id))
                continue;
            fresh.Add(line);
            if (line.Timestamp is { } at && (_last is null || at > _last))
            {
                _last = at;
                _seenAtLast.Clear();
            }
            if (line.Timestamp == _last && line.InsertId is { } seen)
                _seenAtLast.Add(seen);
        }
        return fresh;
    }
}
