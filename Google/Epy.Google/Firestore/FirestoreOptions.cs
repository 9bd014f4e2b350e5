using Epy.Google.Resilience;

namespace Epy.Google.Firestore;

/// <summary>Where a Firestore database is and how patiently it is called (the orchestrator binds it from section <c>Firestore</c>).</summary>
public sealed class FirestoreOptions
{
    /// <summary>The public endpoint.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://firestore.googleapis.com/");

    /// <summary>The Google Cloud project.</summary>
    public string ProjectId { get; set; } = "";

    /// <summary>The database (Firestore in Native mode).</summary>
    public string DatabaseId { get; set; } = "(default)";

    /// <summary>The REST endpoint: the public one, or the emulator's <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>One HTTP call fails with a <see cref="TimeoutException"/> after this long.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries of a read or a whole transaction after 429, 5xx or a timeout.</summary>
    public int MaxTransientRetries { get; set; } = 5;

    /// <summary>The median pause before the first retry after 429, 5xx or a timeout (exponential, jittered), unless Retry-After says.</summary>
    public TimeSpan TransientDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs of a transaction again after it lost a race (ABORTED), before giving up.</summary>
    public int MaxContentionRetries { get; set; } = 12;

    /// <summary>The median pause before running a transaction that lost a race again (exponential, jittered).</summary>
    public TimeSpan ContentionDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How many documents one page of a query that reads everything matching (unsettled runs) asks for.</summary>
    public int QueryPageSize { get; set; } = 200;

    /// <summary>
    /// The shared resilience settings: retries after 429, 5xx and timeouts, and the breaker's defaults.
    /// Each request is timed by the client itself, after <see cref="RequestTimeout"/>.
    /// </summary>
    public CloudResilienceOptions Resilience() => new("Firestore")
    {
        MaxRetries = MaxTransientRetries,
        BaseDelay = TransientDelay,
        MaxDelay = TransientDelay > TimeSpan.FromSeconds(10) ? TransientDelay : TimeSpan.FromSeconds(10),
        AttemptTimeout = RequestTimeout,
    };

    /// <summary>Every problem with these options, each naming its setting; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(ProjectId))
            problems.Add("ProjectId is required");
        if (string.IsNullOrWhiteSpace(DatabaseId))
            problems.Add("DatabaseId is required");
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
            problems.Add("BaseAddress must be an absolute URI");
        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > CloudResilienceOptions.MaxAttemptTimeout)
            problems.Add($"RequestTimeout must be positive and at most {CloudResilienceOptions.MaxAttemptTimeout.TotalSeconds:0} s, well below Cloud Run's request limit");
        if (MaxTransientRetries is < 0 or > 20)
            problems.Add("MaxTransientRetries must be between 0 and 20");
        if (MaxContentionRetries is < 0 or > 100)
            problems.Add("MaxContentionRetries must be between 0 and 100");
        if (QueryPageSize is < 1 or > 1000)
            problems.Add("QueryPageSize must be between 1 and 1000");
        if (TransientDelay < TimeSpan.Zero || ContentionDelay < TimeSpan.Zero)
            problems.Add("TransientDelay and ContentionDelay must not be negative");
        return problems;
    }
}
