using Epy.Google.Resilience;
using Polly;
using Polly.Retry;

namespace Epy.Google.Firestore;

/// <summary>
/// The Firestore client's two retry pipelines, both only around calls that may be repeated: reads, and
/// whole transactions (a transaction that lost a race or met an outage is run again from its first read,
/// so its decision rests on what it reads then). The retries of overload and outages, and the circuit
/// breaker both pipelines share, come from <see cref="CloudResilience"/>; the client times each request
/// itself (<see cref="FirestoreOptions.RequestTimeout"/>), since one transaction attempt spans several.
/// </summary>
public static class FirestoreResilience
{
    /// <summary>The service's circuit breaker, opened by 429, 5xx and timeouts (not by lost races); one per client.</summary>
    public static ResiliencePipeline Breaker(FirestoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CloudResilience.Breaker(options.Resilience(), time, IsTransient);
    }

    /// <summary>Reads: 429, 5xx, timeouts and ABORTED are retried with jittered exponential pauses, or as long as Retry-After says.</summary>
    public static ResiliencePipeline Reads(FirestoreOptions options, TimeProvider time, ResiliencePipeline breaker)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(CloudResilience.Retry(options.Resilience(), failure => IsTransient(failure) || failure is FirestoreException { Status: "ABORTED" }, RetryAfter))
            .AddPipeline(breaker)
            .Build();
    }

    /// <summary>
    /// Transactions: inside, a run lost to contention (ABORTED, or a precondition another writer broke) is
    /// repeated quickly; outside, 429, 5xx and timeouts are repeated after longer pauses or Retry-After.
    /// </summary>
    public static ResiliencePipeline Transactions(FirestoreOptions options, TimeProvider time, ResiliencePipeline breaker)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(CloudResilience.Retry(options.Resilience(), IsTransient, RetryAfter))
            .AddPipeline(breaker)
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxContentionRetries,
                Delay = options.ContentionDelay,
                MaxDelay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<FirestoreException>(failure => failure.IsContention),
                OnRetry = _ =>
                {
                    GoogleTelemetry.Retried(options.Resilience().Service, "contention");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>True when <paramref name="failure"/> is worth another try of an idempotent call after a pause.</summary>
    public static bool IsTransient(Exception failure) =>
        failure is FirestoreException { IsTransient: true } or HttpRequestException or IOException or TimeoutException;

    /// <summary>The pause the server asked for (capped by <see cref="CloudResilience"/>); null to let the backoff decide.</summary>
    public static TimeSpan? RetryAfter(Exception? failure) => failure is FirestoreException { RetryAfter: { } after } ? after : null;
}
