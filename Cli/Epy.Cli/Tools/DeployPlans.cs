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

    /// <summary>
    /// <c>gcloud builds submit</c> of <c>cloudbuild.yaml</c>, the settings as its substitutions: <c>COMMIT_SHA</c>
    /// (the tag pushed besides <c>latest</c>: <paramref name="tag"/>), <c>_REGION</c>, <c>_REPOSITORY</c>, and with
    /// <paramref name="deploy"/> <c>_DEPLOY=true</c> and <c>_SERVICE={repository}-orchestrator</c> (Terraform's service name).
    /// </summary>
    public static ToolInvocation CloudBuild(DeployTarget target, string tag, bool async, bool deploy)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(tag);
        var project = DeployTarget.Require(target.ProjectId, "--project", "google_cloud.project_id");
        var region = DeployTarget.Require(target.Region, "--region", "google_cloud.region");
        var repository = DeployTarget.Require(target.Repository, "--repository", "docker.repository");
        var substitutions = $"COMMIT_SHA={tag},_REGION={region},_REPOSITORY={repository}";
        if (deploy)
            substitutions += $",_DEPLOY=true,_SERVICE={repository}-orchestrator";
        List<string> args =
        [
            "builds", "submit",
            $"--project={project}",
            $"--region={region}",
            "--config=cloudbuild.yaml",
            $"--substitutions={substitutions}",
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
        var project = DeployTarget.Require(target.ProjectId, "--project", "google_cloud.project_id");
        var region = DeployTarget.Require(target.Region, "--region", "google_cloud.region");
        List<string> args = ["builds", "list", $"--project={project}", $"--region={region}", string.Create(CultureInfo.InvariantCulture, $"--limit={limit}")];
        if (ongoing)
            args.Add("--ongoing");
        return new ToolInvocation("gcloud", args, new Dictionary<string, string>(), target.RepoRoot);
    }

    /// <summary>
    /// <c>{engine} build</c> of each image in <paramref name="images"/>, tagged for Artifact Registry when project,
    /// region and repository are known (else <c>localhost/{image}:{tag}</c>). The Dockerfiles' only ARGs are
    /// <c>SDK_IMAGE</c> and <c>RUNTIME_IMAGE</c> (their defaults are what cloudbuild.yaml passes); <paramref name="buildArgs"/> may set them.
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
            List<string> args = ["build", "-f", dockerfile, "-t", ImageName(target, image)];
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
    /// <c>terraform -chdir=terraform {verb} ...</c> with the settings as <c>TF_VAR_*</c> of terraform/variables.tf:
    /// project_id, region, name_prefix (the repository: Terraform names the Artifact Registry repository after it),
    /// image_tag, bucket_name, dir_prefix; those not set are left to terraform (its defaults, tfvars). <paramref name="yes"/> adds
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
        Set("name_prefix", target.Repository);
        Set("image_tag", target.ImageTag);
        Set("bucket_name", target.Bucket);
        Set("dir_prefix", target.DirPrefix);
        return new ToolInvocation("terraform", args, env, target.RepoRoot);
    }
}
