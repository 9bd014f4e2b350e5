using Epy.Google.Resilience;

namespace Epy.Google.SecretManager;

/// <summary>How <see cref="SecretManagerClient"/> talks to Secret Manager.</summary>
public sealed record SecretManagerOptions
{
    /// <summary>The API root, ending in '/'; change it for a test server.</summary>
    public Uri BaseUri { get; init; } = new("https://secretmanager.googleapis.com/");

    /// <summary>Retries of a transient failure (408, 429, 5xx, network errors, timeouts) after the first attempt (default 5).</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter (default 1 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between two attempts (default 30 s).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest one attempt may take before it counts as a transient timeout (default 30 s, at most 60 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings of the shared pipeline (<see cref="CloudResilience.Http"/>) these options stand for.</summary>
    public CloudResilienceOptions Resilience() => new("Secret Manager")
    {
        MaxRetries = MaxRetryAttempts,
        BaseDelay = RetryBaseDelay,
        MaxDelay = RetryBaseDelay > MaxRetryDelay ? RetryBaseDelay : MaxRetryDelay,
        AttemptTimeout = AttemptTimeout,
    };

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!BaseUri.IsAbsoluteUri || !BaseUri.AbsolutePath.EndsWith('/'))
            throw new ArgumentException($"BaseUri '{BaseUri}' must be absolute and end with '/'.", nameof(BaseUri));
        if (MaxRetryAttempts < 0 || RetryBaseDelay < TimeSpan.Zero || MaxRetryDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Retry attempts and delays must not be negative, and the attempt timeout must be positive.");
        if (Resilience().Problems().FirstOrDefault() is { } problem)
            throw new ArgumentException(problem);
    }
}
