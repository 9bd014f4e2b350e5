using Epy.Contracts.Runs;

namespace Epy.Cli.Logs;

/// <summary>Which logs <c>epycloud logs</c> shows.</summary>
/// <param name="Run">The run.</param>
/// <param name="Stage">Only this stage.</param>
/// <param name="TaskIndex">Only this task (Stage B).</param>
/// <param name="Level">Only entries at this Cloud Logging severity or above (DEBUG, INFO, WARNING, ERROR, ...).</param>
/// <param name="Since">Only entries from this time on.</param>
/// <param name="Tail">Only the last N lines.</param>
/// <param name="Follow">Keep polling for new lines until Ctrl-C.</param>
public sealed record LogQuery(RunId Run, Stage? Stage = null, int? TaskIndex = null, string? Level = null, DateTimeOffset? Since = null, int? Tail = null, bool Follow = false)
{
    /// <summary>Cloud Logging's severities, lowest first.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["DEFAULT", "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR", "CRITICAL", "ALERT", "EMERGENCY"];
}
