using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Epy.Google.Resilience;

/// <summary>
/// The named pipelines of the Google Cloud REST adapters, to be used only around idempotent calls: retries of
/// what <see cref="TransientErrors"/> calls transient (408, 429 and 5xx answers, dropped connections, timeouts), with jittered exponential backoff or the
/// server's <c>Retry-After</c> (seconds or a date, capped); a circuit breaker for the service; and a
/// timeout per attempt. Build one pipeline per adapter instance (a singleton), so each service has
/// one breaker. Every retry is counted in <see cref="GoogleTelemetry.Retries"/> with the service's name.
/// (Cloud Storage, on its official client, has its own pipelines: <see cref="Storage.StorageResilience"/>.)
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
                ShouldHandle = args => ValueTask.FromResult(TransientErrors.IsTransient(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time.GetUtcNow(), options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    GoogleTelemetry.Retried(options.Service, RetryReason(args.Outcome.Exception, args.Outcome.Result));
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
                ShouldHandle = args => ValueTask.FromResult(TransientErrors.IsTransient(args.Outcome, args.Context.CancellationToken)),
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
            ShouldHandle = args => ValueTask.FromResult(options.MaxRetries > 0 && args.Outcome.Exception is { } failure && IsTransient(failure, isTransient, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is { } failure ? Cap(retryAfter(failure), options.MaxRetryAfter) : null),
            OnRetry = args =>
            {
                GoogleTelemetry.Retried(options.Service, RetryReason(args.Outcome.Exception, null));
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
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } failure && IsTransient(failure, isTransient, args.Context.CancellationToken)),
            })
            .Build();
    }

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

    private static bool IsTransient(Exception failure, Func<Exception, bool> isTransient, CancellationToken callerToken) =>
        TransientErrors.IsTransient(failure, callerToken) || isTransient(failure);

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
