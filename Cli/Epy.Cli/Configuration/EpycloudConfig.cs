using System.Globalization;

namespace Epy.Cli.Configuration;

/// <summary>
/// The resolved configuration of <c>epycloud</c>, typed: call <c>Resolve(selection)</c> with the global options'
/// <see cref="ConfigSelection"/>. Properties (their YAML keys in <see cref="ConfigKey.All"/>):
/// <list type="bullet">
/// <item><see cref="Environment"/>, <see cref="Profile"/>: the names in use; <see cref="Directory"/>: the configuration folder.</item>
/// <item><see cref="OrchestratorUrl"/> (<c>orchestrator.url</c>): where <c>run</c>, <c>status</c>, <c>runs</c> talk; null when not configured;
/// https unless loopback, and from the project file only when the user's own layers allow it (see <see cref="ConfigKey.UserOnly"/>).</item>
/// <item><see cref="ProjectId"/>, <see cref="Region"/>, <see cref="Bucket"/>, <see cref="DirPrefix"/> (<c>google_cloud.*</c>, <c>storage.dir_prefix</c>): where runs live.</item>
/// <item><see cref="Repository"/> (<c>docker.repository</c>): the Artifact Registry repository <c>build</c> and <c>terraform</c> use; <see cref="LoggingEndpoint"/> (<c>google_cloud.logging_endpoint</c>).</item>
/// <item><see cref="StageImage"/> (<c>docker.stage_image</c>), <see cref="ForecastRepo"/>, <see cref="GithubToken"/> (<c>github.*</c>), <see cref="BillingProject"/>.</item>
/// <item><see cref="StageServiceAccounts"/> (<c>batch.{builder,runner,output}.service_account</c>): who the VMs of <c>run job</c> run as.</item>
/// <item><see cref="Defaults"/> (<c>defaults.*</c>): image tag, repo ref, parallelism, tasks per node, spot, retries, resumes, machine types.</item>
/// <item><see cref="Settings"/>: the underlying merged settings, with their sources.</item>
/// </list>
/// Empty strings mean "not set"; <see cref="Read"/> lists what is malformed.
/// </summary>
public sealed record EpycloudConfig
{
    /// <summary>The environment in use (<c>--env</c>, <c>EPYCLOUD_ENV</c>, else <c>dev</c>).</summary>
    public required string Environment { get; init; }

    /// <summary>The profile in use (<c>--profile</c>, <c>EPYCLOUD_PROFILE</c>, the active profile, else <c>default</c>).</summary>
    public required string Profile { get; init; }

    /// <summary>The configuration folder.</summary>
    public required string Directory { get; init; }

    /// <summary>The orchestrator's URL, or null when not configured.</summary>
    public Uri? OrchestratorUrl { get; init; }

    /// <summary>The Google Cloud project.</summary>
    public string ProjectId { get; init; } = "";

    /// <summary>The region of Batch jobs.</summary>
    public string Region { get; init; } = "";

    /// <summary>The bucket holding runs.</summary>
    public string Bucket { get; init; } = "";

    /// <summary>The prefix of runs in the bucket: empty or ending in '/', placeholders replaced.</summary>
    public string DirPrefix { get; init; } = "";

    /// <summary>The Artifact Registry Docker repository of the images (Terraform's <c>name_prefix</c>).</summary>
    public string Repository { get; init; } = "";

    /// <summary>The Cloud Logging API root <c>epycloud logs</c> calls, or null for the public one.</summary>
    public Uri? LoggingEndpoint { get; init; }

    /// <summary>The stage program's image without tag.</summary>
    public string StageImage { get; init; } = "";

    /// <summary>The forecast repository (<c>owner/repo</c>).</summary>
    public string ForecastRepo { get; init; } = "";

    /// <summary>A GitHub token from secrets.yaml or a variable, or null.</summary>
    public string? GithubToken { get; init; }

    /// <summary>The project billed for runs (label <c>billing_project</c>).</summary>
    public string BillingProject { get; init; } = "";

    /// <summary>
    /// The service account each stage's VMs run as when <c>run job</c> submits it (<c>batch.builder.service_account</c>, ...),
    /// by stage; a stage not listed runs as Compute Engine's default. The orchestrator's own are its deployment's.
    /// </summary>
    public IReadOnlyDictionary<Epy.Contracts.Runs.Stage, string> StageServiceAccounts { get; init; } = new Dictionary<Epy.Contracts.Runs.Stage, string>();

    /// <summary>Run defaults.</summary>
    public required RunDefaults Defaults { get; init; }

    /// <summary>The merged settings this was read from.</summary>
    public required LoadedConfig Settings { get; init; }

    /// <summary>Loads and reads the configuration; a malformed setting throws <see cref="ConfigurationException"/> naming it and its file.</summary>
    public static EpycloudConfig Resolve(ConfigSelection selection, IReadOnlyDictionary<string, string> variables)
    {
        var loaded = ConfigLoader.Load(selection, variables);
        var problems = new List<string>();
        var config = Read(loaded, problems);
        if (problems.Count > 0)
            throw new ConfigurationException(problems[0], problems.Count > 1 ? $"and {problems.Count - 1} more: see 'epycloud config validate'" : "fix it with 'epycloud config set' or 'epycloud config edit'");
        return config;
    }

    /// <summary><see cref="Resolve(ConfigSelection, IReadOnlyDictionary{string, string})"/> with this process's variables.</summary>
    public static EpycloudConfig Resolve(ConfigSelection selection) => Resolve(selection, ProcessVariables());

    /// <summary>Reads <paramref name="loaded"/>, adding what is malformed to <paramref name="problems"/> (each names the key and its source).</summary>
    public static EpycloudConfig Read(LoadedConfig loaded, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(problems);
        var read = new SettingReader(loaded, problems);
        var dirPrefix = read.Text("storage.dir_prefix");
        if (dirPrefix.Length > 0 && !dirPrefix.EndsWith('/'))
            read.Problem("storage.dir_prefix", $"'{dirPrefix}' must end in '/'");
        var project = read.Text("google_cloud.project_id");
        if (project.Length > 0 && !project.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or ':'))
            read.Problem("google_cloud.project_id", $"'{project}' is not a project id (lowercase letters, digits and '-')");
        var imageTag = loaded.Get("defaults.image_tag");
        if (imageTag is not null && Epy.Contracts.Runs.ImageAndGitRefs.ImageTagProblem(imageTag) is { } tagProblem)
            read.Problem("defaults.image_tag", tagProblem);
        var repoRef = loaded.Get("defaults.forecast_repo_ref");
        if (repoRef is not null && Epy.Contracts.Runs.ImageAndGitRefs.GitRefProblem(repoRef) is { } refProblem)
            read.Problem("defaults.forecast_repo_ref", refProblem);
        return new EpycloudConfig
        {
            Environment = loaded.Environment,
            Profile = loaded.Profile,
            Directory = loaded.Paths.Directory,
            OrchestratorUrl = read.Url("orchestrator.url"),
            ProjectId = project,
            Region = read.Text("google_cloud.region"),
            Bucket = read.Text("google_cloud.bucket_name"),
            DirPrefix = dirPrefix,
            Repository = read.Text("docker.repository"),
            LoggingEndpoint = read.Url("google_cloud.logging_endpoint"),
            StageImage = read.Text("docker.stage_image"),
            ForecastRepo = read.Text("github.forecast_repo"),
            GithubToken = loaded.Get("github.personal_access_token"),
            BillingProject = read.Text("billing_project"),
            StageServiceAccounts = new[] { (Epy.Contracts.Runs.Stage.Builder, "builder"), (Epy.Contracts.Runs.Stage.Runner, "runner"), (Epy.Contracts.Runs.Stage.Output, "output") }
                .Select(named => (stage: named.Item1, account: read.Text($"batch.{named.Item2}.service_account")))
                .Where(pair => pair.account.Length > 0)
                .ToDictionary(pair => pair.stage, pair => pair.account),
            Defaults = new RunDefaults(
                imageTag,
                repoRef,
                read.Int("defaults.max_parallelism", 1, 5000),
                read.Int("defaults.task_count_per_node", 1, 64),
                read.Bool("defaults.spot"),
                read.Int("defaults.max_retry_count", 0, 10),
                read.Int("defaults.auto_resumes", 0, 10),
                loaded.Get("defaults.stage_a.machine_type"),
                loaded.Get("defaults.stage_b.machine_type"),
                loaded.Get("defaults.stage_c.machine_type")),
            Settings = loaded,
        };
    }

    /// <summary>This process's environment variables.</summary>
    public static IReadOnlyDictionary<string, string> ProcessVariables()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = entry.Value as string ?? "";
        return variables;
    }

    private sealed class SettingReader(LoadedConfig loaded, List<string> problems)
    {
        public string Text(string key) => loaded.Get(key)?.Trim() ?? "";

        public void Problem(string key, string what) =>
            problems.Add($"{key}: {what} (from {(loaded.Sources.TryGetValue(key, out var source) ? source : "?")})");

        public Uri? Url(string key)
        {
            if (loaded.Get(key) is not { } text)
                return null;
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                Problem(key, $"'{text}' is not an http(s) URL");
                return null;
            }
            // Tokens go with these requests: only loopback may be plain http.
            if (url.Scheme == "http" && !url.IsLoopback)
            {
                Problem(key, $"'{text}' must be https (plain http only for 127.0.0.1, localhost or [::1])");
                return null;
            }
            return url;
        }

        public int? Int(string key, int min, int max)
        {
            if (loaded.Get(key) is not { } text)
                return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
                return value;
            Problem(key, $"'{text}' is not a whole number from {min} to {max}");
            return null;
        }

        public bool? Bool(string key)
        {
            if (loaded.Get(key) is not { } text)
                return null;
            switch (text.Trim().ToLowerInvariant())
            {
                case "true" or "yes" or "on" or "1":
                    return true;
                case "false" or "no" or "off" or "0":
                    return false;
                default:
                    Problem(key, $"'{text}' is not true or false");
                    return null;
            }
        }
    }
}
