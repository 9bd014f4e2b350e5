using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Epy.Stages.Storage;

/// <summary>
/// The pipeline of Secret Manager reads over plain HTTP: per-attempt timeout, then retries with
/// exponential backoff and jitter on the transient answers Cloud Storage documents too (the one
/// classifier, <see cref="Epy.Google.Storage.TransientErrors"/>), network errors and timeouts.
/// </summary>
internal static class GcsResilience
{
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

    /// <summary>Whether an attempt's outcome is worth another try.</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Exception: TimeoutRejectedException } => true,
        { Exception: IOException } => true,
        // HttpClient.Timeout surfaces as a cancellation the caller did not ask for.
        { Exception: OperationCanceledException } => !callerToken.IsCancellationRequested,
        { Result: { } response } => Epy.Google.Storage.TransientErrors.IsTransient(response.StatusCode),
        _ => false,
    };
}
