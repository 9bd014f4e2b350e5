using System.CommandLine;
using Epy.Google;

namespace Epy.Cli.Targets;

/// <summary>
/// The settings of <c>logs</c>, <c>download</c>, <c>experiment</c>, <c>validate</c>, <c>build</c> and
/// <c>terraform</c>, in one place: each an option whose default is the configuration's key (so the
/// configuration files and the <c>EPYCLOUD_*</c> variables, see <see cref="Configuration.EnvironmentOverrides"/>),
/// turned into the command's target record (<see cref="StorageTarget"/>, <see cref="LoggingTarget"/>, <see cref="DeployTarget"/>).
/// An option given on the command line wins over the configuration.
/// </summary>
public static class TargetOptions
{
    /// <summary><c>--local</c>.</summary>
    public static Option<bool> Local { get; } = new("--local") { Description = "Use the local state folder (runs of 'epycloud run --local'), not the cloud" };

    /// <summary><c>--project-dir</c>.</summary>
    public static Option<string> ProjectDir { get; } = new("--project-dir") { Description = "The forecast repository (default: the current folder)", DefaultValueFactory = _ => "." };

    /// <summary><c>--state-dir</c>.</summary>
    public static Option<string?> StateDir { get; } = new("--state-dir") { Description = "The local state folder (default: {project-dir}/.epy, as for 'run --local')" };

    /// <summary><c>--bucket</c>.</summary>
    public static Option<string?> Bucket { get; } = new("--bucket") { Description = "The runs' Cloud Storage bucket (default: google_cloud.bucket_name)" };

    /// <summary><c>--dir-prefix</c>.</summary>
    public static Option<string?> DirPrefix { get; } = new("--dir-prefix") { Description = "The runs' prefix in the bucket (default: storage.dir_prefix)" };

    /// <summary><c>--project</c>.</summary>
    public static Option<string?> Project { get; } = new("--project") { Description = "The Google Cloud project (default: google_cloud.project_id, else GOOGLE_CLOUD_PROJECT)" };

    /// <summary><c>--region</c>.</summary>
    public static Option<string?> Region { get; } = new("--region") { Description = "The Google Cloud region (default: google_cloud.region)" };

    /// <summary><c>--repository</c>.</summary>
    public static Option<string?> Repository { get; } = new("--repository") { Description = "The Artifact Registry Docker repository (default: docker.repository)" };

    /// <summary><c>--image-tag</c>.</summary>
    public static Option<string?> ImageTag { get; } = new("--image-tag") { Description = "The image tag (default: defaults.image_tag, else latest)" };

    /// <summary><c>--repo-root</c>.</summary>
    public static Option<string> RepoRoot { get; } = new("--repo-root") { Description = "The Epy Orchestration repository (cloudbuild.yaml, Dockerfiles, terraform/); default: the current folder", DefaultValueFactory = _ => "." };

    /// <summary>The files of runs: the bucket when one is set and <c>--local</c> is not, else the local state folder.</summary>
    public static StorageTarget Storage(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var local = parse.GetValue(Local);
        var bucket = local ? null : First(parse.GetValue(Bucket), context.Config.Bucket);
        // The local state folder has no prefix (local mode writes {exp_id}/{run_id}/ at its root): storage.dir_prefix is the bucket's.
        var prefix = Prefix(First(parse.GetValue(DirPrefix), bucket is null ? null : context.Config.DirPrefix));
        var emulator = CloudEmulators.Storage(name => context.Variables.GetValueOrDefault(name));
        return new StorageTarget(bucket, prefix, Path.Combine(StateFolder(parse), "bucket"), emulator ?? Orchestrator.Cloud.Storage.GcsRunArtifacts.DefaultBaseUri, emulator is not null);
    }

    /// <summary>The logs of runs: Cloud Logging when a project is set and <c>--local</c> is not, else the local task logs.</summary>
    public static LoggingTarget Logging(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var project = parse.GetValue(Local) ? null : First(parse.GetValue(Project), context.Config.ProjectId, context.Variables.GetValueOrDefault("GOOGLE_CLOUD_PROJECT"));
        var endpoint = context.Config.LoggingEndpoint is { } given ? new Uri(given.ToString().TrimEnd('/') + "/") : LoggingTarget.DefaultEndpoint;
        return new LoggingTarget(project, endpoint, Path.Combine(StateFolder(parse), "logs"));
    }

    /// <summary>The settings of <c>build</c> and <c>terraform</c>.</summary>
    public static DeployTarget Deploy(ParseResult parse, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Config;
        return new DeployTarget(
            First(parse.GetValue(Project), config.ProjectId, context.Variables.GetValueOrDefault("GOOGLE_CLOUD_PROJECT")),
            First(parse.GetValue(Region), config.Region),
            First(parse.GetValue(Repository), config.Repository),
            First(parse.GetValue(ImageTag), config.Defaults.ImageTag) ?? "latest",
            First(parse.GetValue(Bucket), config.Bucket),
            Prefix(First(parse.GetValue(DirPrefix), config.DirPrefix)),
            Path.GetFullPath(parse.GetValue(RepoRoot) ?? "."))
        {
            ImageTagGiven = First(parse.GetValue(ImageTag)) is not null,
        };
    }

    /// <summary>The local state folder: <c>--state-dir</c>, else <c>{project-dir}/.epy</c>.</summary>
    public static string StateFolder(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return Path.GetFullPath(First(parse.GetValue(StateDir)) ?? Path.Combine(parse.GetValue(ProjectDir) ?? ".", ".epy"));
    }

    private static string Prefix(string? prefix) => prefix is { Length: > 0 } && !prefix.EndsWith('/') ? prefix + "/" : prefix ?? "";

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
