using Epy.Contracts.Stages;

namespace Epy.Contracts.Logging;

/// <summary>Picks the log format from the environment, the same way in the orchestrator and the stage program.</summary>
public static class LogFormats
{
    /// <summary><c>json</c> or <c>text</c>: overrides the guess.</summary>
    public const string FormatVariable = "EPY_LOG_FORMAT";

    /// <summary>
    /// The format <paramref name="env"/> asks for: <c>EPY_LOG_FORMAT</c> when it is <c>json</c> or <c>text</c>;
    /// otherwise JSON where Google collects standard output as logs (Cloud Run sets <c>K_SERVICE</c>,
    /// the orchestrator runs with <c>EPY_MODE=cloud</c>, Cloud Batch sets <c>BATCH_TASK_INDEX</c>), text elsewhere.
    /// </summary>
    public static LogFormat FromEnvironment(Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var asked = env(FormatVariable)?.Trim();
        if (string.Equals(asked, "json", StringComparison.OrdinalIgnoreCase))
            return LogFormat.Json;
        if (string.Equals(asked, "text", StringComparison.OrdinalIgnoreCase))
            return LogFormat.Text;
        return !string.IsNullOrEmpty(env("K_SERVICE")) || string.Equals(env("EPY_MODE"), "cloud", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(env(StageVariables.BatchTaskIndex))
            ? LogFormat.Json
            : LogFormat.Text;
    }
}
