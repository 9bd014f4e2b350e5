using System.CommandLine;
using Epy.Cli.Targets;
using Epy.Cli.Tools;

namespace Epy.Cli;

/// <summary><c>epycloud build cloud|local|dev|status</c>: thin wrappers around <c>gcloud builds</c> and <c>podman</c>/<c>docker build</c>.</summary>
public static class BuildCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var build = new Command("build", "Build the container images: on Cloud Build, or on this machine with podman or docker");

        var async = new Option<bool>("--async") { Description = "Return once the build is submitted" };
        var deploy = new Option<bool>("--deploy") { Description = "Also roll the orchestrator service ({repository}-orchestrator) onto the new image (_DEPLOY=true)" };
        var cloud = new Command("cloud", "Submit cloudbuild.yaml to Cloud Build (gcloud builds submit) with substitutions COMMIT_SHA (--image-tag, else the checked-out commit), _REGION, _REPOSITORY") { async, deploy };
        AddCommon(cloud);
        CliAction.Set(cloud, (context, parse, ct) =>
        {
            var target = TargetOptions.Deploy(parse, context);
            ToolOptions.RequireInRepo(target.RepoRoot, "cloudbuild.yaml");
            var tag = target.ImageTagGiven ? target.ImageTag : ToolOptions.GitCommit(target.RepoRoot) ?? target.ImageTag;
            return ToolOptions.Runner(context).RunAsync([DeployPlans.CloudBuild(target, tag, parse.GetValue(async), parse.GetValue(deploy))], ct);
        });
        build.Subcommands.Add(cloud);

        var engine = new Option<string?>("--engine") { Description = "podman or docker (default: podman when installed, else docker)" };
        engine.AcceptOnlyFromAmong("podman", "docker");
        var images = new Option<string[]>("--image") { Description = $"Which images (default: all): {string.Join(", ", DeployPlans.Images.Keys)}", AllowMultipleArgumentsPerToken = true };
        var buildArgs = new Option<string[]>("--build-arg") { Description = "NAME=value build arguments: the Dockerfiles take SDK_IMAGE and RUNTIME_IMAGE" };
        var local = new Command("local", "Build the images here with podman or docker (Dockerfile.orchestrator, Dockerfile.stages)") { engine, images, buildArgs };
        AddCommon(local);
        CliAction.Set(local, (context, parse, ct) =>
        {
            var target = TargetOptions.Deploy(parse, context);
            var chosen = parse.GetValue(images) is { Length: > 0 } named ? named : [.. DeployPlans.Images.Keys];
            var plans = DeployPlans.LocalBuild(target, parse.GetValue(engine) ?? DefaultEngine(), chosen, parse.GetValue(buildArgs) ?? []);
            foreach (var name in chosen)
                ToolOptions.RequireInRepo(target.RepoRoot, DeployPlans.Images[name]);
            return ToolOptions.Runner(context).RunAsync(plans, ct);
        });
        build.Subcommands.Add(local);
        build.Subcommands.Add(BuildDevCommand.Build());

        var limit = new Option<int>("--limit") { Description = "How many builds", DefaultValueFactory = _ => 10 };
        var ongoing = new Option<bool>("--ongoing") { Description = "Only the builds still running" };
        var status = new Command("status", "The latest Cloud Build builds of the region (gcloud builds list)") { limit, ongoing };
        AddCommon(status);
        CliAction.Set(status, (context, parse, ct) =>
            ToolOptions.Runner(context).RunAsync([DeployPlans.BuildStatus(TargetOptions.Deploy(parse, context), parse.GetValue(limit), parse.GetValue(ongoing))], ct));
        build.Subcommands.Add(status);
        return build;
    }

    /// <summary>podman when installed, else docker when installed, else podman (whose absence is then reported).</summary>
    internal static string DefaultEngine() => ToolRunner.Find("podman") is not null || ToolRunner.Find("docker") is null ? "podman" : "docker";

    private static void AddCommon(Command command)
    {
        foreach (var option in new Option[] { TargetOptions.Project, TargetOptions.Region, TargetOptions.Repository, TargetOptions.ImageTag, TargetOptions.RepoRoot })
            command.Options.Add(option);
    }
}
