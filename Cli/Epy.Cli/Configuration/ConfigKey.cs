namespace Epy.Cli.Configuration;

/// <summary>A setting <c>epycloud</c> knows: its dotted key, what it holds and whether it is secret.</summary>
/// <param name="Key">The dotted key, e.g. <c>google_cloud.project_id</c>.</param>
/// <param name="Kind">text, url, int, bool or prefix.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Secret">Masked by <c>config show</c>; belongs in secrets.yaml.</param>
public sealed record ConfigKey(string Key, string Kind, string Description, bool Secret = false)
{
    /// <summary>Every known setting.</summary>
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new("orchestrator.url", "url", "the orchestrator's URL (https Cloud Run service, or http://127.0.0.1:8765 for 'serve --local')"),
        new(AllowProjectUrls, "bool", "let a forecast repository's epycloud.yaml set orchestrator.url and google_cloud.logging_endpoint (read from your own files only)"),
        new("google_cloud.project_id", "text", "the Google Cloud project"),
        new("google_cloud.region", "text", "the region of Batch jobs, e.g. us-central1"),
        new("google_cloud.bucket_name", "text", "the bucket holding runs"),
        new("storage.dir_prefix", "prefix", "the prefix of runs in the bucket, empty or ending in '/'; may use {environment} and {profile}"),
        new("google_cloud.logging_endpoint", "url", "the Cloud Logging API root 'epycloud logs' calls (default https://logging.googleapis.com/)"),
        new("docker.repository", "text", "the Artifact Registry Docker repository of 'build' and 'terraform' (Terraform's name_prefix), e.g. epy"),
        new("docker.stage_image", "text", "the stage program's image without tag"),
        new("github.forecast_repo", "text", "the forecast repository, owner/repo"),
        new("github.personal_access_token", "text", "a GitHub token (secrets.yaml only)", Secret: true),
        new("billing_project", "text", "the project billed for runs (label billing_project)"),
        new("defaults.image_tag", "text", "the stage image tag of runs (--image-tag)"),
        new("defaults.forecast_repo_ref", "text", "the forecast repository's git ref (--forecast-repo-ref)"),
        new("defaults.max_parallelism", "int", "Stage B tasks at once, 1 to 5000 (--max-parallelism)"),
        new("defaults.task_count_per_node", "int", "Stage B tasks per VM, 1 to 64 (--task-count-per-node)"),
        new("defaults.spot", "bool", "run on Spot VMs (--spot)"),
        new("defaults.max_retry_count", "int", "Batch retries per task, 0 to 10"),
        new("defaults.auto_resumes", "int", "automatic resumes of failed tasks, 0 to 10"),
        new("defaults.stage_a.machine_type", "text", "Stage A's machine type (--stage-a-machine-type)"),
        new("defaults.stage_b.machine_type", "text", "Stage B's machine type (--stage-b-machine-type)"),
        new("defaults.stage_c.machine_type", "text", "Stage C's machine type (--stage-c-machine-type)"),
        new("batch.builder.service_account", "text", "the service account Stage A's VMs run as in 'run job' (terraform output service_accounts.builder; default: Compute Engine's)"),
        new("batch.runner.service_account", "text", "the service account Stage B's VMs run as in 'run job' (service_accounts.runner)"),
        new("batch.output.service_account", "text", "the service account Stage C's VMs run as in 'run job' (service_accounts.output)"),
    ];

    /// <summary>The setting that lets the project file set the <see cref="UserOnly"/> keys; honoured only from the user's own layers.</summary>
    public const string AllowProjectUrls = "orchestrator.allow_project_urls";

    /// <summary>
    /// The settings a forecast repository's <c>epycloud.yaml</c> may not set unless <see cref="AllowProjectUrls"/> is
    /// true in the user's own layers: the URLs the CLI sends the user's Google tokens to.
    /// </summary>
    public static IReadOnlyList<string> UserOnly { get; } = ["orchestrator.url", "google_cloud.logging_endpoint", AllowProjectUrls];

    /// <summary>True when <paramref name="value"/> looks like a credential whatever its key: a GitHub token, a Google access token, a private key.</summary>
    public static bool LooksLikeSecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        string[] prefixes = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "ya29."];
        return prefixes.Any(prefix => text.StartsWith(prefix, StringComparison.Ordinal))
            || text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
    }

    /// <summary>The known setting <paramref name="key"/>, or null.</summary>
    public static ConfigKey? Find(string key) => All.FirstOrDefault(k => k.Key == key);

    /// <summary>True when <paramref name="key"/>'s value must not be shown: a known secret, or a name that says so.</summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Find(key) is { } known)
            return known.Secret;
        var last = key[(key.LastIndexOf('.') + 1)..];
        return last.Contains("token", StringComparison.Ordinal) || last.Contains("secret", StringComparison.Ordinal)
            || last.Contains("password", StringComparison.Ordinal) || last is "pat" or "api_key" or "private_key";
    }
}
