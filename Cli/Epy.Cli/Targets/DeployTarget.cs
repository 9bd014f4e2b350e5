namespace Epy.Cli.Targets;

/// <summary>What <c>epycloud build</c> and <c>epycloud terraform</c> pass to gcloud, podman/docker and terraform.</summary>
/// <param name="ProjectId">The Google Cloud project.</param>
/// <param name="Region">The region of Artifact Registry, Cloud Build, Batch.</param>
/// <param name="Repository">The Artifact Registry Docker repository.</param>
/// <param name="ImageTag">The image tag to build.</param>
/// <param name="Bucket">The runs' bucket.</param>
/// <param name="RepoRoot">The repository holding <c>cloudbuild.yaml</c>, the Dockerfiles and <c>terraform/</c>.</param>
public sealed record DeployTarget(string? ProjectId, string? Region, string? Repository, string ImageTag, string? Bucket, string RepoRoot)
{
    /// <summary>The value of a setting the command needs, or a configuration failure naming its option and variable.</summary>
    public static string Require(string? value, string option, string variable) =>
        value is { Length: > 0 } ? value : throw CliException.Configuration($"{option} is not set", $"pass {option} or set {variable}");
}
