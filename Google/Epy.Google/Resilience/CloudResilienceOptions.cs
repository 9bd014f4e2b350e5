namespace Epy.Google.Resilience;

/// <summary>
/// How patiently one Google Cloud service is called (see <see cref="CloudResilience"/>): retries with
/// jittered exponential backoff or the server's <c>Retry-After</c>, a per-attempt timeout, and the
/// service's circuit breaker.
/// </summary>
/// <param name="Service">The service's name, as failures and logs name it (<c>Batch</c>, <c>Firestore</c>, ...).</param>
public sealed record CloudResilienceOptions(string Service)
{
    /// <summary>
    /// The longest per-attempt timeout allowed. Cloud Run ends a request after 300 s by default; a push
    /// handler makes a few calls, each retried, so one attempt must stay far below that.
    /// </summary>
    public static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Retries of one call after 408, 429, 5xx, a timeout or a dropped connection; 0 for none.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The median first pause (doubled each retry, jittered) when the server names none.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff pause.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned (and retried); at most <see cref="MaxAttemptTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The share of failed calls, within <see cref="SamplingDuration"/>, that opens the circuit (0..1].</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>The fewest calls within <see cref="SamplingDuration"/> before the circuit may open.</summary>
    public int MinimumThroughput { get; init; } = 10;

    /// <summary>The window over which failures are counted.</summary>
    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open (calls refused at once) before a trial call may close it.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What is wrong with these options (empty when they can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Service))
            yield return "the service needs a name";
        if (MaxRetries < 0)
            yield return $"{Service}: MaxRetries must be at least 0";
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay || MaxRetryAfter < TimeSpan.Zero)
            yield return $"{Service}: delays must not be negative, and MaxDelay not below BaseDelay";
        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > MaxAttemptTimeout)
            yield return $"{Service}: AttemptTimeout must be positive and at most {MaxAttemptTimeout.TotalSeconds:0} s (well below Cloud Run's request limit)";
        if (FailureRatio is <= 0 or > 1 || MinimumThroughput < 2)
            yield return $"{Service}: FailureRatio must be in (0, 1] and MinimumThroughput at least 2";
        if (SamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
            yield return $"{Service}: SamplingDuration and BreakDuration must be at least 0.5 s";
    }
}
