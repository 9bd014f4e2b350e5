using System.CommandLine;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud run --exp-id ID</c>: with <c>--local</c>, runs the experiment in-process through the embedded
/// orchestrator; otherwise starts it on the configured orchestrator (<c>POST /v1/runs</c>) and, with
/// <c>--wait</c>, follows it to its end. <c>--dry-run</c> prints the request and the Batch jobs instead.
/// One type in three parts: this file (the command line, read into <see cref="RunFlags"/>),
/// <c>RunCommand.Local.cs</c> (the embedded orchestrator) and <c>RunCommand.Cloud.cs</c> (the configured one).
/// </summary>
public static partial class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var expId = new Option<string>("--exp-id") { Description = "The experiment (folder under experiments/)", Required = true };
        var local = new Option<bool>("--local") { Description = "Run on this machine with the embedded orchestrator (default: on the configured orchestrator)" };
        var projectDir = new Option<string>("--project-dir") { Description = "The forecast repository, and where ./epycloud.yaml is read (default: the current folder)", DefaultValueFactory = _ => "." };
        var stateDir = new Option<string?>("--state-dir") { Description = "--local: where runs, logs and outputs go (default: {project-dir}/.epy)" };
        var runId = new Option<string?>("--run-id") { Description = "Use this run id; an unfinished run with this id is picked up where it stopped" };
        var skipOutput = new Option<bool>("--skip-output") { Description = "Do not run Stage C" };
        var parallelism = new Option<int?>("--max-parallelism") { Description = "Stage B tasks at once (default: defaults.max_parallelism; locally: the cores)" };
        var stageA = new Option<string?>("--stage-a-machine-type") { Description = "Stage A's machine type, e.g. n2-standard-4 (default: defaults.stage_a.machine_type)" };
        var stageB = new Option<string?>("--stage-b-machine-type") { Description = "Stage B's machine type, e.g. c4d-highcpu-8 (default: defaults.stage_b.machine_type)" };
        var stageC = new Option<string?>("--stage-c-machine-type") { Description = "Stage C's machine type (default: defaults.stage_c.machine_type)" };
        var perNode = new Option<int?>("--task-count-per-node") { Description = "Stage B tasks per VM, 1 to 64 (default: defaults.task_count_per_node)" };
        var spot = new Option<bool>("--spot") { Description = "Run on Spot VMs (default: defaults.spot)" };
        var repoRef = new Option<string?>("--forecast-repo-ref") { Description = "The forecast repository's branch, tag or commit (default: defaults.forecast_repo_ref)" };
        var imageTag = new Option<string?>("--image-tag") { Description = "The stage image tag or sha256 digest (default: defaults.image_tag)" };
        var billing = new Option<string?>("--billing-project") { Description = "The project billed for the run, as a job label (default: billing_project)" };
        var wait = new Option<bool>("--wait") { Description = "Follow the run with live progress until it ends (exit 0 succeeded, 1 failed)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask before starting a cloud run (never asked when stdin is not a terminal)" };
        var server = RunsCommands.ServerOption();
        var command = new Command("run", "Run an experiment: builder, runner tasks, output")
        {
            expId, local, projectDir, stateDir, runId, skipOutput, parallelism, stageA, stageB, stageC, perNode, spot, repoRef, imageTag, billing, wait, yes, server,
        };
        CliAction.Set(command, (context, parse, cancellationToken) =>
        {
            var flags = new RunFlags(parse.GetValue(expId)!, parse.GetValue(runId), parse.GetValue(skipOutput), parse.GetValue(parallelism),
                parse.GetValue(stageA), parse.GetValue(stageB), parse.GetValue(stageC), parse.GetValue(perNode), parse.GetValue(spot),
                parse.GetValue(repoRef), parse.GetValue(imageTag), parse.GetValue(billing));
            if (parse.GetValue(local))
            {
                if (context.DryRun)
                    return Task.FromResult(PrintLocalPlan(context, flags.LocalRequest(), parse.GetValue(projectDir)!, parse.GetValue(stateDir)));
                return RunLocalAsync(parse.GetValue(projectDir)!, parse.GetValue(stateDir), flags.LocalRequest(), context.Quiet, context.Out, cancellationToken,
                    live: context.Terminal, color: context.Color);
            }
            return RunCloudAsync(context, flags, parse.GetValue(server), parse.GetValue(wait), parse.GetValue(yes), cancellationToken);
        }, projectDir);
        return command;
    }
}
