using System.Net;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// The pipeline around every Batch call (all of them idempotent: creates carry a request id): a
/// timeout per attempt, a circuit breaker for the service, and retries of 408, 429 and 5xx answers,
/// timeouts and dropped connections, with jittered exponential backoff or the server's
/// <c>Retry-After</c>.
/// </summary>
public static class BatchResilience
{
    /// <summary>The pipeline for <paramref name="options"/>, timed by <paramref name="time"/>.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(BatchOptions options, TimeProvider time, Action<string>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time.GetUtcNow(), options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}");
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>True for an outcome worth retrying.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException or IOException
        || outcome.Result is { } response && IsTransient(response.StatusCode);

    /// <summary>True for a status worth retrying: 408, 429, 500, 502, 503, 504.</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// The server's <c>Retry-After</c> (seconds or a date) as a delay of at most <paramref name="max"/>,
    /// or null to use the backoff.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now, TimeSpan max)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (delay is not { } value)
            return null;
        return value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
    }

    /// <summary>True when <paramref name="failure"/> is the open circuit's refusal.</summary>
    public static bool IsBrokenCircuit(Exception failure) => failure is BrokenCircuitException;
}
