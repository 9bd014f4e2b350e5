using Epy.Google.Resilience;
using Epy.Google.Batch;
using Epy.Contracts.Runs;

namespace Epy.Orchestrator.Cloud.Batch;

/// <summary>
/// Where and how stage jobs run on Cloud Batch. Bound from configuration (section <c>Batch</c>) and
/// checked at start-up (<see cref="Problems"/>).
/// </summary>
public sealed class BatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Batch";

    /// <summary>The Batch REST endpoint, ending in '/' (a fake's loopback address in tests).</summary>
    public Uri BaseAddress { get; set; } = BatchClient.DefaultBaseAddress;

    /// <summary>The Google Cloud project that owns the jobs.</summary>
    public string Project { get; set; } = "";

    /// <summary>The Batch region, e.g. <c>us-central1</c>.</summary>
    public string Region { get; set; } = "";

    /// <summary>The bucket holding runs (<c>GCS_BUCKET</c> of the stages).</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The prefix of runs inside the bucket (<c>DIR_PREFIX</c>), empty or ending in '/'.</summary>
    public string DirPrefix { get; set; } = "";

    /// <summary>The stage program's image without its tag, e.g. <c>us-central1-docker.pkg.dev/p/epy/epy-stages</c>.</summary>
    public string StageImage { get; set; } = "";

    /// <summary>The image tag used when the run names none.</summary>
    public string DefaultImageTag { get; set; } = "latest";

    /// <summary>
    /// The container's entrypoint; the stage (<c>builder</c>, <c>runner</c>, <c>output</c>) is its one
    /// argument. Empty keeps the image's own ENTRYPOINT.
    /// </summary>
    public string StageEntrypoint { get; set; } = "epy-stage";

    /// <summary>
    /// The service account the VMs of a stage without its own (<see cref="BatchStageOptions.ServiceAccountEmail"/>)
    /// run as; empty for the Compute Engine default.
    /// </summary>
    public string ServiceAccountEmail { get; set; } = "";

    /// <summary>The VPC network (a self link or <c>projects/p/global/networks/n</c>); empty for the default network with external IPs.</summary>
    public string Network { get; set; } = "";

    /// <summary>The subnetwork (<c>projects/p/regions/r/subnetworks/s</c>); used with <see cref="Network"/>.</summary>
    public string Subnetwork { get; set; } = "";

    /// <summary>The Pub/Sub topic (<c>projects/p/topics/t</c>) that receives <c>JOB_STATE_CHANGED</c> notifications.</summary>
    public string NotificationTopic { get; set; } = "";

    /// <summary>The deployment's profile (label <c>profile</c>), e.g. <c>prod</c>; empty for none.</summary>
    public string Profile { get; set; } = "";

    /// <summary>The project billed for the work (label <c>billing_project</c>); empty for none.</summary>
    public string BillingProject { get; set; } = "";

    /// <summary>More environment for every stage (<c>GITHUB_FORECAST_REPO</c>, <c>FORECAST_REPO_DIR</c>, ...).</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Stage A's VMs.</summary>
    public BatchStageOptions Builder { get; set; } = new() { BootDiskGb = 50 };

    /// <summary>Stage B's VMs.</summary>
    public BatchStageOptions Runner { get; set; } = new() { BootDiskGb = 30 };

    /// <summary>Stage C's VMs.</summary>
    public BatchStageOptions Output { get; set; } = new() { BootDiskGb = 50 };

    /// <summary>How long one HTTP attempt may take (at most <see cref="CloudResilienceOptions.MaxAttemptTimeout"/>).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of one call after 429, 5xx, a timeout or a dropped connection.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry's delay (doubled each time, with jitter) when the server names none.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open after Batch kept failing.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The resilience settings of Batch calls, for <see cref="CloudResilience.Http"/>.</summary>
    public CloudResilienceOptions Resilience() => new("Batch")
    {
        MaxRetries = MaxRetries,
        BaseDelay = RetryBaseDelay,
        MaxDelay = RetryBaseDelay > TimeSpan.FromSeconds(10) ? RetryBaseDelay : TimeSpan.FromSeconds(10),
        MaxRetryAfter = MaxRetryAfter,
        AttemptTimeout = AttemptTimeout,
        BreakDuration = BreakDuration,
    };

    /// <summary>The VM settings of <paramref name="stage"/>.</summary>
    public BatchStageOptions For(Stage stage) => stage switch
    {
        Stage.Builder => Builder,
        Stage.Runner => Runner,
        Stage.Output => Output,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The service account <paramref name="stage"/>'s VMs run as: the stage's own, else the shared one; empty for the Compute Engine default.</summary>
    public string ServiceAccountFor(Stage stage) =>
        For(stage).ServiceAccountEmail is { Length: > 0 } own ? own : ServiceAccountEmail;

    /// <summary>The parent of the jobs: <c>projects/{project}/locations/{region}</c>.</summary>
    public string Parent => $"projects/{Project}/locations/{Region}";

    /// <summary>What is wrong with these options (empty when they can be used).</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Project))
            yield return "Batch:Project is required: the Google Cloud project that owns the jobs";
        else if (!IsId(Project))
            yield return $"Batch:Project '{Project}' is not a project id (lowercase letters, digits and '-')";
        if (string.IsNullOrWhiteSpace(Region))
            yield return "Batch:Region is required: the Batch region, such as us-central1";
        else if (!IsId(Region))
            yield return $"Batch:Region '{Region}' is not a region such as us-central1";
        if (string.IsNullOrWhiteSpace(Bucket))
            yield return "Batch:Bucket is required: the bucket holding runs";
        if (DirPrefix.Length > 0 && !DirPrefix.EndsWith('/'))
            yield return $"Batch:DirPrefix '{DirPrefix}' must end in '/'";
        if (string.IsNullOrWhiteSpace(StageImage))
            yield return "Batch:StageImage is required: the stage program's image without tag, such as us-central1-docker.pkg.dev/p/epy/epy-stages";
        else if (StageImage.Contains('@', StringComparison.Ordinal))
            yield return $"Batch:StageImage '{StageImage}' must name the stage image without tag or digest";
        if (string.IsNullOrWhiteSpace(DefaultImageTag))
            yield return "Batch:DefaultImageTag is required";
        if (Subnetwork.Length > 0 && Network.Length == 0)
            yield return "Batch:Subnetwork needs Batch:Network";
        if (Network.Length > 0 && !Network.Contains("/networks/", StringComparison.Ordinal) && !Network.StartsWith("global/networks/", StringComparison.Ordinal))
            yield return $"Batch:Network '{Network}' must look like projects/p/global/networks/n";
        if (Subnetwork.Length > 0 && !Subnetwork.Contains("/subnetworks/", StringComparison.Ordinal))
            yield return $"Batch:Subnetwork '{Subnetwork}' must look like projects/p/regions/r/subnetworks/s";
        if (ServiceAccountEmail.Length > 0 && !LooksLikeEmail(ServiceAccountEmail))
            yield return $"Batch:ServiceAccountEmail '{ServiceAccountEmail}' is not a service account email";
        if (NotificationTopic.Length > 0 && !NotificationTopic.StartsWith("projects/", StringComparison.Ordinal))
            yield return $"Batch:NotificationTopic '{NotificationTopic}' must look like projects/p/topics/t";
        if (!BaseAddress.IsAbsoluteUri || !BaseAddress.AbsolutePath.EndsWith('/'))
            yield return $"Batch:BaseAddress '{BaseAddress}' must be absolute and end in '/'";
        if (AttemptTimeout <= TimeSpan.Zero || RetryBaseDelay < TimeSpan.Zero || MaxRetries < 0 || BreakDuration <= TimeSpan.Zero)
            yield return "Batch: timeouts and delays must be positive and MaxRetries at least 0";
        else if (AttemptTimeout > CloudResilienceOptions.MaxAttemptTimeout)
            yield return $"Batch:AttemptTimeout must be at most {CloudResilienceOptions.MaxAttemptTimeout.TotalSeconds:0} s, well below Cloud Run's request limit";
        foreach (var (name, stage) in new[] { ("Builder", Builder), ("Runner", Runner), ("Output", Output) })
        {
            if (stage.BootDiskGb is < 10 or > 65_536)
                yield return $"Batch:{name}:BootDiskGb must be between 10 and 65536, not {stage.BootDiskGb}";
            if (stage.ServiceAccountEmail.Length > 0 && !LooksLikeEmail(stage.ServiceAccountEmail))
                yield return $"Batch:{name}:ServiceAccountEmail '{stage.ServiceAccountEmail}' is not a service account email";
        }
    }

    /// <summary>True for <c>name@domain</c> with no spaces (a service account's email).</summary>
    internal static bool LooksLikeEmail(string value) =>
        value.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);

    private static bool IsId(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or ':');
}
