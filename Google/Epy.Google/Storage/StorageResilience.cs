using Epy.Google.Resilience;
using Polly;
using Polly.Retry;

namespace Epy.Google.Storage;

/// <summary>
/// The named pipelines of Cloud Storage calls: <see cref="Idempotent"/> (per-attempt timeout, then retries with
/// exponential backoff and jitter on <see cref="TransientErrors"/>) and <see cref="Once"/> (the timeout only:
/// a repeated unconditional upload could overwrite a newer object). The official client's own retries are off,
/// so these are the only ones.
/// </summary>
public static class StorageResilience
{
    /// <summary>For calls that may be repeated.</summary>
    public static ResiliencePipeline Idempotent(StorageSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (settings.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxRetryAttempts,
                Delay = settings.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(TransientErrors.IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
            });
        }

        return builder.AddTimeout(settings.AttemptTimeout).Build();
    }

    /// <summary>For calls that must not be repeated.</summary>
    public static ResiliencePipeline Once(StorageSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(settings.AttemptTimeout).Build();
    }
}
