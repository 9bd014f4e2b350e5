using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Epy.Stages.Storage;

/// <summary>
/// The store's two pipelines: one for idempotent requests (per-attempt timeout, then retries with
/// exponential backoff and jitter on transient answers, network errors and timeouts) and one for the
/// rest (the timeout only: a retried unconditional upload could overwrite a newer object). The
/// idempotent one also serves Secret Manager reads, whose documented retryable answers are the same.
/// </summary>
internal static class GcsResilience
{
    public static ResiliencePipeline<HttpResponseMessage> Idempotent(GcsStoreOptions options, TimeProvider time)
        => Idempotent(options.MaxRetryAttempts, options.RetryBaseDelay, options.AttemptTimeout, time);

    public static ResiliencePipeline<HttpResponseMessage> Idempotent(int maxRetryAttempts, TimeSpan retryBaseDelay, TimeSpan attemptTimeout, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (maxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetryAttempts,
                Delay = retryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
            });
        }

        return builder.AddTimeout(attemptTimeout).Build();
    }

    public static ResiliencePipeline<HttpResponseMessage> Once(GcsStoreOptions options, TimeProvider time)
        => new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }.AddTimeout(options.AttemptTimeout).Build();

    /// <summary>Whether an attempt's outcome is worth another try.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: TimeoutRejectedException } => true,
        { Exception: IOException } => true,
        // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
        { Exception: OperationCanceledException } => !callerToken.IsCancellationRequested,
        { Result: { } response } => GcsTransientErrors.IsTransient(response.StatusCode),
        _ => false,
    };
}
