using System.Net;
using Epy.Orchestrator.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Epy.Orchestrator.Cloud;

/// <summary>
/// The one resilience setup of the cloud adapters, to be used only around idempotent calls: retries of
/// 408, 429 and 5xx answers, dropped connections and timeouts, with jittered exponential backoff or the
/// server's <c>Retry-After</c> (seconds or a date, capped); a circuit breaker for the service; and a
/// timeout per attempt. Build one pipeline per adapter instance (a singleton), so each service has
/// one breaker. Every retry is counted in <c>epy.retries</c> with the service's name.
/// </summary>
public static class CloudResilience
{
    /// <summary>
    /// The pipeline around HTTP calls that answer with a response: retry, then breaker, then the
    /// per-attempt timeout. A transient answer that outlasts the retries is returned for the caller to
    /// report; an open circuit throws <see cref="BrokenCircuitException"/>.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Http(CloudResilienceOptions options, TimeProvider time, Action<string>? onRetry = null)
    {
        Check(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = options.Service, TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time.GetUtcNow(), options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    OrchestratorMetrics.Retried(options.Service, RetryReason(args.Outcome.Exception, args.Outcome.Result));
                    onRetry?.Invoke(args.Outcome.Exception?.Message ?? $"HTTP {(int)args.Outcome.Result!.StatusCode}");
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// The retry of the exception-based form, for clients that turn answers into exceptions:
    /// <paramref name="isTransient"/> picks what is retried, <paramref name="retryAfter"/> reads the pause
    /// the server asked for (capped at <see cref="CloudResilienceOptions.MaxRetryAfter"/>); null lets the backoff decide.
    /// </summary>
    public static RetryStrategyOptions Retry(CloudResilienceOptions options, Func<Exception, bool> isTransient, Func<Exception, TimeSpan?> retryAfter)
    {
        Check(options);
        ArgumentNullException.ThrowIfNull(isTransient);
        ArgumentNullException.ThrowIfNull(retryAfter);
        return new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome.Exception is { } failure && IsTransient(failure, isTransient)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } failure ? Cap(retryAfter(failure), options.MaxRetryAfter) : null),
            OnRetry = args =>
            {
                OrchestratorMetrics.Retried(options.Service, RetryReason(args.Outcome.Exception, null));
                return ValueTask.CompletedTask;
            },
        };
    }

    /// <summary>
    /// The service's circuit breaker in the exception-based form, as a pipeline of its own so that every
    /// pipeline of one client can share it (<c>builder.AddPipeline(breaker)</c>).
    /// </summary>
    public static ResiliencePipeline Breaker(CloudResilienceOptions options, TimeProvider time, Func<Exception, bool> isTransient)
    {
        Check(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(isTransient);
        return new ResiliencePipelineBuilder { Name = options.Service, TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } failure && IsTransient(failure, isTransient)),
            })
            .Build();
    }

    /// <summary>True for an outcome worth retrying: a transient status, a dropped connection or a timed-out attempt.</summary>
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
        return Cap(header?.Delta ?? (header?.Date is { } date ? date - now : null), max);
    }

    /// <summary>A retry's reason for the retries metric: <c>http_503</c>, or the exception's type name.</summary>
    public static string RetryReason(Exception? failure, HttpResponseMessage? response) =>
        failure?.GetType().Name ?? (response is null ? "unknown" : $"http_{(int)response.StatusCode}");

    /// <summary>True when <paramref name="failure"/> is an open circuit's refusal.</summary>
    public static bool IsBrokenCircuit(Exception failure) => failure is BrokenCircuitException;

    private static bool IsTransient(Exception failure, Func<Exception, bool> isTransient) =>
        failure is HttpRequestException or TimeoutRejectedException or IOException or TimeoutException || isTransient(failure);

    private static TimeSpan? Cap(TimeSpan? delay, TimeSpan max) => delay switch
    {
        null => null,
        { } value when value < TimeSpan.Zero => TimeSpan.Zero,
        { } value => value > max ? max : value,
    };

    private static void Check(CloudResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems().ToList() is { Count: > 0 } problems)
            throw new ArgumentException("Resilience options: " + string.Join("; ", problems), nameof(options));
    }
}
