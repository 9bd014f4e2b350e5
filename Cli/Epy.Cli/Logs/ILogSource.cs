namespace Epy.Cli.Logs;

/// <summary>A run's log lines: those there now, then (following) those written since.</summary>
public interface ILogSource
{
    /// <summary>The lines the query asks for, oldest first (the last N with a tail).</summary>
    Task<IReadOnlyList<LogLine>> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The lines written since the last read or poll, oldest first.</summary>
    Task<IReadOnlyList<LogLine>> PollAsync(CancellationToken cancellationToken);
}
