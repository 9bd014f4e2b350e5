using System.CommandLine;
using Epy.Cli.Targets;
using Epy.Cli.Tools;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud build dev</c>, the original epycloud's local development image: here <c>build local</c> of the stage
/// image alone (<c>Dockerfile.stages</c>), tagged <c>dev</c> unless <c>--image-tag</c> says otherwise, pushed nowhere.
/// <c>--dry-run</c> prints the command instead of running it.
/// </summary>
public static class BuildDevCommand
{
    /// <summary>The tag of a dev image when no <c>--image-tag</c> is given.</summary>
    public const string DevTag = "dev";

    /// <summary>The image a dev build makes.</summary>
    public const string Image = "epy-stages";

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var engine = new Option<string?>("--engine") { Description = "podman or docker (default: podman when installed, else docker)" };
        engine.AcceptOnlyFromAmong("podman", "docker");
        var buildArgs = new Option<string[]>("--build-arg") { Description = "NAME=value build arguments: the Dockerfile takes SDK_IMAGE and RUNTIME_IMAGE" };
        var dev = new Command("dev", $"Build the stage image here for development ({Image}:{DevTag}, nothing pushed): build local --image {Image} with the tag {DevTag}") { engine, buildArgs };
        foreach (var option in new Option[] { TargetOptions.Project, TargetOptions.Region, TargetOptions.Repository, TargetOptions.ImageTag, TargetOptions.RepoRoot })
            dev.Options.Add(option);
        CliAction.Set(dev, (context, parse, ct) =>
        {
            var target = TargetOptions.Deploy(parse, context);
            if (!target.ImageTagGiven)
                target = target with { ImageTag = DevTag };
            ToolOptions.RequireInRepo(target.RepoRoot, DeployPlans.Images[Image]);
            var plans = DeployPlans.LocalBuild(target, parse.GetValue(engine) ?? BuildCommand.DefaultEngine(), [Image], parse.GetValue(buildArgs) ?? []);
            return ToolOptions.Runner(context).RunAsync(plans, ct);
        });
        return dev;
    }
}
