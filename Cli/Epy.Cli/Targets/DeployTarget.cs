using Epy.Cli.Configuration;

namespace Epy.Cli.Targets;

/// <summary>What <c>epycloud build</c> and <c>epycloud terraform</c> pass to gcloud, podman/docker and terraform.</summary>
/// <param name="ProjectId">The Google Cloud project.</param>
/// <param name="Region">The region of Artifact Registry, Cloud Build, Batch.</param>
/// <param name="Repository">The Artifact Registry Docker repository (Terraform's <c>name_prefix</c>).</param>
/// <param name="ImageTag">The image tag.</param>
/// <param name="Bucket">The runs' bucket.</param>
/// <param name="DirPrefix">The runs' prefix in the bucket, empty or ending in '/'.</param>
/// <param name="RepoRoot">The repository holding <c>cloudbuild.yaml</c>, the Dockerfiles and <c>terraform/</c>.</param>
public sealed record DeployTarget(string? ProjectId, string? Region, string? Repository, string ImageTag, string? Bucket, string DirPrefix, string RepoRoot)
{
    /// <summary>True when the tag came from <c>--image-tag</c> rather than the configuration.</summary>
    public bool ImageTagGiven { get; init; }

    /// <summary>The value of a setting the command needs, or a configuration failure naming its option and configuration key.</summary>
    public static string Require(string? value, string option, string key) =>
        value is { Length: > 0 } ? value
            : throw CliException.Configuration($"{option} is not set", $"pass {option}, or set {key} ('epycloud config set {key} VALUE' or {EnvironmentOverrides.VariableOf(key)})");
}
