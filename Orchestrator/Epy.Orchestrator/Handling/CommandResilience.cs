using Epy.Orchestrator.Ports;
using Epy.Orchestrator.Telemetry;
using Polly;
using Polly.Retry;

namespace Epy.Orchestrator.Handling;

/// <summary>The one retry pipeline around commands (all idempotent): three quick retries of transient failures.</summary>
public static class CommandResilience
{
    /// <summary>The pipeline, timed by <paramref name="time"/>.</summary>
    public static ResiliencePipeline Create(TimeProvider time) => new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder()
                .Handle<CommandFailedException>(failure => !failure.Permanent)
                .Handle<IOException>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutException>(),
            OnRetry = args =>
            {
                OrchestratorMetrics.Retried("command", args.Outcome.Exception?.GetType().Name ?? "unknown");
                return ValueTask.CompletedTask;
            },
        })
        .Build();
}
