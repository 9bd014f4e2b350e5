using Epy.Google.Resilience;

namespace Epy.Google.SecretManager;

/// <summary>How <see cref="SecretManagerClient"/> talks to Secret Manager.</summary>
public sealed record SecretManagerOptions
{
    /// <summary>The API root, ending in '/'; change it for a test server.</summary>
    public Uri BaseUri { get; init; } = new("https://secretmanager.googleapis.com/");

    /// <summary>
    /// The retries of a transient failure (408, 429, 5xx, network errors, timeouts) and the attempt timeout,
    /// through the shared <see cref="CloudResilience.Http"/> pipeline (default: 5 retries from 1 s, 30 s an attempt).
    /// </summary>
    public CloudResilienceOptions Resilience { get; init; } = new("Secret Manager")
    {
        MaxRetries = 5,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(30),
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!BaseUri.IsAbsoluteUri || !BaseUri.AbsolutePath.EndsWith('/'))
            throw new ArgumentException($"BaseUri '{BaseUri}' must be absolute and end with '/'.", nameof(BaseUri));
        ArgumentNullException.ThrowIfNull(Resilience);
        if (Resilience.Problems().FirstOrDefault() is { } problem)
            throw new ArgumentException(problem, nameof(Resilience));
    }
}
