using Polly;
using Polly.Retry;

namespace Epy.Orchestrator.Cloud.Firestore;

/// <summary>
/// The Firestore client's two retry pipelines, both only around calls that may be repeated: reads, and
/// whole transactions (a transaction that lost a race or met an outage is run again from its first read,
/// so its decision rests on what it reads then).
/// </summary>
public static class FirestoreResilience
{
    /// <summary>The longest Retry-After honoured; a longer one is cut to this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Reads: 429, 5xx, timeouts and ABORTED are retried with jittered exponential pauses, or as long as Retry-After says.</summary>
    public static ResiliencePipeline Reads(FirestoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(Transient(options, aborted: true))
            .Build();
    }

    /// <summary>
    /// Transactions: inside, a run lost to contention (ABORTED, or a precondition another writer broke) is
    /// repeated quickly; outside, 429, 5xx and timeouts are repeated after longer pauses or Retry-After.
    /// </summary>
    public static ResiliencePipeline Transactions(FirestoreOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(Transient(options, aborted: false))
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxContentionRetries,
                Delay = options.ContentionDelay,
                MaxDelay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder().Handle<FirestoreException>(failure => failure.IsContention),
            })
            .Build();
    }

    /// <summary>True when <paramref name="failure"/> is worth another try of an idempotent call after a pause.</summary>
    public static bool IsTransient(Exception failure) =>
        failure is FirestoreException { IsTransient: true } or HttpRequestException or IOException or TimeoutException;

    /// <summary>The pause the server asked for, at most <see cref="MaxRetryAfter"/>; null to let the backoff decide.</summary>
    public static TimeSpan? RetryAfter(Exception? failure) =>
        failure is FirestoreException { RetryAfter: { } after } ? (after < MaxRetryAfter ? after : MaxRetryAfter) : null;

    private static RetryStrategyOptions Transient(FirestoreOptions options, bool aborted) => new()
    {
        MaxRetryAttempts = options.MaxTransientRetries,
        Delay = options.TransientDelay,
        MaxDelay = TimeSpan.FromSeconds(10),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        ShouldHandle = new PredicateBuilder()
            .Handle<Exception>(IsTransient)
            .Handle<FirestoreException>(failure => aborted && failure.Status == "ABORTED"),
        DelayGenerator = arguments => ValueTask.FromResult(RetryAfter(arguments.Outcome.Exception)),
    };
}
