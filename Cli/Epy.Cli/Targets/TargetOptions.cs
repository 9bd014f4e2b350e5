using System.CommandLine;
using Epy.Orchestrator.Cloud;
using Microsoft.Extensions.Configuration;

namespace Epy.Cli.Targets;

/// <summary>
/// The settings of <c>logs</c>, <c>download</c>, <c>experiment</c>, <c>validate</c>, <c>build</c> and
/// <c>terraform</c>, in one place: each an option with an environment-variable fallback, turned into the
/// command's target record (<see cref="StorageTarget"/>, <see cref="LoggingTarget"/>, <see cref="DeployTarget"/>).
/// </summary>
public static class TargetOptions
{
    /// <summary>Variable names of the fallbacks.</summary>
    public const string BucketVariable = "EPYCLOUD_STORAGE_BUCKET";

    /// <summary>The bucket's prefix variable.</summary>
    public const string DirPrefixVariable = "EPYCLOUD_STORAGE_DIR_PREFIX";

    /// <summary>The project variable (then <c>GOOGLE_CLOUD_PROJECT</c>).</summary>
    public const string ProjectVariable = "EPYCLOUD_GOOGLE_CLOUD_PROJECT_ID";

    /// <summary>The region variable.</summary>
    public const string RegionVariable = "EPYCLOUD_GOOGLE_CLOUD_REGION";

    /// <summary>The Artifact Registry repository variable.</summary>
    public const string RepositoryVariable = "EPYCLOUD_DOCKER_REPOSITORY";

    /// <summary>The image tag variable.</summary>
    public const string ImageTagVariable = "EPYCLOUD_DOCKER_IMAGE_TAG";

    /// <summary>The local state folder variable.</summary>
    public const string StateDirVariable = "EPYCLOUD_STATE_DIR";

    /// <summary>Overrides the Cloud Logging endpoint (tests, private endpoints).</summary>
    public const string LoggingEndpointVariable = "EPYCLOUD_LOGGING_ENDPOINT";

    /// <summary><c>--local</c>.</summary>
    public static Option<bool> Local { get; } = new("--local") { Description = "Use the local state folder (runs of 'epycloud run --local'), not the cloud" };

    /// <summary><c>--project-dir</c>.</summary>
    public static Option<string> ProjectDir { get; } = new("--project-dir") { Description = "The forecast repository (default: the current folder)", DefaultValueFactory = _ => "." };

    /// <summary><c>--state-dir</c>.</summary>
    public static Option<string?> StateDir { get; } = new("--state-dir") { Description = $"The local state folder (default: {StateDirVariable}, else {{project-dir}}/.epy)" };

    /// <summary><c>--bucket</c>.</summary>
    public static Option<string?> Bucket { get; } = new("--bucket") { Description = $"The runs' Cloud Storage bucket (default: {BucketVariable})" };

    /// <summary><c>--dir-prefix</c>.</summary>
    public static Option<string?> DirPrefix { get; } = new("--dir-prefix") { Description = $"The runs' prefix in the bucket (default: {DirPrefixVariable}, else none)" };

    /// <summary><c>--project</c>.</summary>
    public static Option<string?> Project { get; } = new("--project") { Description = $"The Google Cloud project (default: {ProjectVariable}, else GOOGLE_CLOUD_PROJECT)" };

    /// <summary><c>--region</c>.</summary>
    public static Option<string?> Region { get; } = new("--region") { Description = $"The Google Cloud region (default: {RegionVariable})" };

    /// <summary><c>--repository</c>.</summary>
    public static Option<string?> Repository { get; } = new("--repository") { Description = $"The Artifact Registry Docker repository (default: {RepositoryVariable})" };

    /// <summary><c>--image-tag</c>.</summary>
    public static Option<string?> ImageTag { get; } = new("--image-tag") { Description = $"The image tag (default: {ImageTagVariable}, else latest)" };

    /// <summary><c>--repo-root</c>.</summary>
    public static Option<string> RepoRoot { get; } = new("--repo-root") { Description = "The Epy Orchestration repository (cloudbuild.yaml, Dockerfiles, terraform/); default: the current folder", DefaultValueFactory = _ => "." };

    /// <summary><c>--output text|json</c>.</summary>
    public static Option<string> Output { get; } = OutputOption();

    /// <summary>True when <c>--output json</c> was asked for.</summary>
    public static bool Json(ParseResult parse) => string.Equals(parse?.GetValue(Output), "json", StringComparison.Ordinal);

    /// <summary>The files of runs: the bucket when one is set and <c>--local</c> is not, else the local state folder.</summary>
    public static StorageTarget Storage(ParseResult parse, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(env);
        var bucket = parse.GetValue(Local) ? null : First(parse.GetValue(Bucket), env(BucketVariable));
        var prefix = First(parse.GetValue(DirPrefix), env(DirPrefixVariable)) ?? "";
        if (prefix.Length > 0 && !prefix.EndsWith('/'))
            prefix += "/";
        var emulator = CloudEmulators.Address(new ConfigurationBuilder().AddInMemoryCollection([new(CloudEmulators.StorageVariable, env(CloudEmulators.StorageVariable))]).Build(), CloudEmulators.StorageVariable);
        return new StorageTarget(bucket, prefix, Path.Combine(StateFolder(parse, env), "bucket"), emulator ?? Orchestrator.Cloud.Storage.GcsRunArtifacts.DefaultBaseUri, emulator is not null);
    }

    /// <summary>The logs of runs: Cloud Logging when a project is set and <c>--local</c> is not, else the local task logs.</summary>
    public static LoggingTarget Logging(ParseResult parse, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(env);
        var project = parse.GetValue(Local) ? null : First(parse.GetValue(Project), env(ProjectVariable), env("GOOGLE_CLOUD_PROJECT"));
        var endpoint = First(env(LoggingEndpointVariable)) is { } text ? new Uri(text.EndsWith('/') ? text : text + "/") : LoggingTarget.DefaultEndpoint;
        return new LoggingTarget(project, endpoint, Path.Combine(StateFolder(parse, env), "logs"));
    }

    /// <summary>The settings of <c>build</c> and <c>terraform</c>.</summary>
    public static DeployTarget Deploy(ParseResult parse, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(env);
        return new DeployTarget(
            First(parse.GetValue(Project), env(ProjectVariable), env("GOOGLE_CLOUD_PROJECT")),
            First(parse.GetValue(Region), env(RegionVariable)),
            First(parse.GetValue(Repository), env(RepositoryVariable)),
            First(parse.GetValue(ImageTag), env(ImageTagVariable)) ?? "latest",
            First(parse.GetValue(Bucket), env(BucketVariable)),
            Path.GetFullPath(parse.GetValue(RepoRoot) ?? "."));
    }

    /// <summary>The local state folder: <c>--state-dir</c>, else <c>EPYCLOUD_STATE_DIR</c>, else <c>{project-dir}/.epy</c>.</summary>
    public static string StateFolder(ParseResult parse, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(env);
        return Path.GetFullPath(First(parse.GetValue(StateDir), env(StateDirVariable)) ?? Path.Combine(parse.GetValue(ProjectDir) ?? ".", ".epy"));
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static Option<string> OutputOption()
    {
        var option = new Option<string>("--output") { Description = "text (default) or json", DefaultValueFactory = _ => "text" };
        option.AcceptOnlyFromAmong("text", "json");
        return option;
    }
}
