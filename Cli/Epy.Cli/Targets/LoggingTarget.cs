namespace Epy.Cli.Targets;

/// <summary>Where a run's logs are: Cloud Logging of <see cref="ProjectId"/>, or the local task log files.</summary>
/// <param name="ProjectId">The Google Cloud project, or null for the local log files.</param>
/// <param name="Endpoint">The Cloud Logging API root ending in '/' (default <c>https://logging.googleapis.com/</c>).</param>
/// <param name="LocalLogsRoot">The local task logs: <c>{state_dir}/logs/{run_id}/{job_id}/task_00000.log</c>.</param>
public sealed record LoggingTarget(string? ProjectId, Uri Endpoint, string LocalLogsRoot)
{
    /// <summary>The public Cloud Logging endpoint.</summary>
    public static Uri DefaultEndpoint { get; } = new("https://logging.googleapis.com/");

    /// <summary>True when the logs come from Cloud Logging.</summary>
    public bool IsCloud => ProjectId is not null;
}
