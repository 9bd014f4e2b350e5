namespace Epy.Google.Storage;

/// <summary>How <see cref="StorageBucket"/> talks to Cloud Storage.</summary>
public sealed record StorageSettings
{
    /// <summary>The granularity Cloud Storage requires of every resumable chunk but the last: 256 KiB.</summary>
    public const int ChunkGranularity = 256 * 1024;

    /// <summary>Bytes per resumable chunk, a positive multiple of <see cref="ChunkGranularity"/> (default 8 MiB).</summary>
    public int ChunkSize { get; init; } = 32 * ChunkGranularity;

    /// <summary>The <c>maxResults</c> asked for per listing page, or null for the server's default (1,000).</summary>
    public int? PageSize { get; init; }

    /// <summary>Retries of a transient failure after the first attempt (default 5).</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter (default 1 s).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest one attempt may take before it counts as a transient timeout (default 2 min).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (ChunkSize <= 0 || ChunkSize % ChunkGranularity != 0)
            throw new ArgumentException($"ChunkSize {ChunkSize} must be a positive multiple of {ChunkGranularity}.", nameof(ChunkSize));
        if (PageSize is <= 0)
            throw new ArgumentException($"PageSize {PageSize} must be positive.", nameof(PageSize));
        if (MaxRetryAttempts < 0 || RetryBaseDelay < TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Retry attempts and delays must not be negative, and the attempt timeout must be positive.");
    }
}
