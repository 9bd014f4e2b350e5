using System.Globalization;
using Epy.Cli.Targets;

namespace Epy.Cli.Tools;

/// <summary>
/// The commands <c>epycloud build</c> and <c>epycloud terraform</c> run, from their settings. Pure: the
/// same target gives the same commands; nothing here looks at the disk or PATH.
/// </summary>
public static class DeployPlans
{
    /// <summary>The images and their Dockerfiles at the repository root.</summary>
    public static IReadOnlyDictionary<string, string> Images { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["epy-orchestrator"] = "Dockerfile.orchestrator",
        ["epy-stages"] = "Dockerfile.stages",
    };

    /// <summary><c>gcloud builds submit</c> of <c>cloudbuild.yaml</c>, the settings as substitutions.</summary>
    public static ToolInvocation CloudBuild(DeployTarget target, bool async)
    {
        ArgumentNullException.ThrowIfNull(target);
        var project = DeployTarget.Require(target.ProjectId, "--project", TargetOptions.ProjectVariable);
        var region = DeployTarget.Require(target.Region, "--region", TargetOptions.RegionVariable);
        var repository = DeployTarget.Require(target.Repository, "--repository", TargetOptions.RepositoryVariable);
        List<string> args =
        [
            "builds", "submit",
            $"--project={project}",
            $"--region={region}",
            "--config=cloudbuild.yaml",
            $"--substitutions=_REGION={region},_REPOSITORY={repository},_IMAGE_TAG={target.ImageTag}",
        ];
        if (async)
            args.Add("--async");
        args.Add(".");
        return new ToolInvocation("gcloud", args, new Dictionary<string, string>(), target.RepoRoot);
    }

    /// <summary><c>gcloud builds list</c>: the latest builds of the project's region (<paramref name="ongoing"/>: only those running).</summary>
    public static ToolInvocation BuildStatus(DeployTarget target, int limit, bool ongoing)
    {
        ArgumentNullException.ThrowIfNull(target);
        var project = DeployTarget.Require(target.ProjectId, "--project", TargetOptions.ProjectVariable);
        var region = DeployTarget.Require(target.Region, "--region", TargetOptions.RegionVariable);
        List<string> args = ["builds", "list", $"--project={project}", $"--region={region}", string.Create(CultureInfo.InvariantCulture, $"--limit={limit}")];
        if (ongoing)
            args.Add("--ongoing");
        return new ToolInvocation("gcloud", args, new Dictionary<string, string>(), target.RepoRoot);
    }

    /// <summary>
    /// <c>{engine} build</c> of each image in <paramref name="images"/>, tagged for Artifact Registry when project,
    /// region and repository are known (else <c>localhost/{image}:{tag}</c>), with the settings as build arguments.
    /// </summary>
    public static IReadOnlyList<ToolInvocation> LocalBuild(DeployTarget target, string engine, IReadOnlyList<string> images, IReadOnlyList<string> buildArgs)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(buildArgs);
        var plans = new List<ToolInvocation>();
        foreach (var image in images)
        {
            if (!Images.TryGetValue(image, out var dockerfile))
                throw CliException.Configuration($"unknown image '{image}'", $"use {string.Join(" or ", Images.Keys)}");
            List<string> args = ["build", "-f", dockerfile, "-t", ImageName(target, image), "--build-arg", $"IMAGE_TAG={target.ImageTag}"];
            foreach (var extra in buildArgs)
                args.AddRange(["--build-arg", extra]);
            args.Add(".");
            plans.Add(new ToolInvocation(engine, args, new Dictionary<string, string>(), target.RepoRoot));
        }
        return plans;
    }

    /// <summary>The image's full name: <c>{region}-docker.pkg.dev/{project}/{repository}/{image}:{tag}</c>, or <c>localhost/{image}:{tag}</c>.</summary>
    public static string ImageName(DeployTarget target, string image)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target is { ProjectId: { Length: > 0 } p, Region: { Length: > 0 } r, Repository: { Length: > 0 } repo }
            ? $"{r}-docker.pkg.dev/{p}/{repo}/{image}:{target.ImageTag}"
            : $"localhost/{image}:{target.ImageTag}";
    }

    /// <summary>
    /// <c>terraform -chdir=terraform {verb} ...</c> with the settings as <c>TF_VAR_*</c>; <paramref name="yes"/> adds
    /// <c>-auto-approve</c> to apply and destroy (else terraform asks).
    /// </summary>
    public static ToolInvocation Terraform(DeployTarget target, string verb, bool yes, IReadOnlyList<string> extra)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(extra);
        List<string> args = ["-chdir=terraform", verb];
        if (yes && verb is "apply" or "destroy")
            args.Add("-auto-approve");
        args.AddRange(extra);
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Set(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
                env["TF_VAR_" + name] = value;
        }
        Set("project_id", target.ProjectId);
        Set("region", target.Region);
        Set("repository", target.Repository);
        Set("image_tag", target.ImageTag);
        Set("bucket_name", target.Bucket);
        return new ToolInvocation("terraform", args, env, target.RepoRoot);
    }
}
