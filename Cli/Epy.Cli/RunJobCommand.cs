using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Epy.Contracts.Runs;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud run job --stage A|B|C --exp-id ID [--run-id R] [--task-index N]</c>, as in the original epycloud: one
/// stage of one run, by hand, for debugging, on a new run (Stage A without <c>--run-id</c>) or an existing one, outside
/// the run's own bookkeeping (<c>runs list</c> does not see it). With <c>--local</c> it starts the stage program once
/// here and waits for it (<c>RunJobCommand.Local.cs</c>). Without, it creates one Cloud Batch job directly, as the
/// original's <c>gcloud batch jobs submit</c> did, not through the orchestrator (<c>RunJobCommand.Cloud.cs</c>): the
/// orchestrator's own job body (<see cref="DryRunPlan.StageJobBody"/>) under an id of its own
/// (<see cref="StageJob.CloudJobId"/>) and with no notification to the orchestrator; it prints the job, its console
/// link and the <c>epycloud logs</c> command, and with <c>--wait</c> follows it to its end.
/// One type in three parts: this file is the command line.
/// </summary>
public static partial class RunJobCommand
{
    /// <summary>How many of the log's last lines a failure shows.</summary>
    public const int TailLines = 20;

    /// <summary>Adds <c>job</c> to <paramref name="run"/> (the <c>run</c> command) and returns it.</summary>
    public static Command AddTo(Command run)
    {
        ArgumentNullException.ThrowIfNull(run);
        run.Subcommands.Add(Build());
        return run;
    }

    /// <summary>Builds the command.</summary>
    public static Command Build()
    {
        var stage = new Option<string>("--stage") { Description = "The stage: A (builder), B (runner) or C (output); builder, runner, output also do", Required = true };
        var expId = new Option<string>("--exp-id") { Description = "The experiment (folder under experiments/)", Required = true };
        var runId = new Option<string?>("--run-id") { Description = "The run (required for B and C; stage A without it starts a new run)" };
        var taskIndex = new Option<int>("--task-index") { Description = "Stage B: the task to run", DefaultValueFactory = _ => 0 };
        var numTasks = new Option<int?>("--num-tasks") { Description = "The run's task count N (default: the builder's manifest says)" };
        var outputConfig = new Option<string?>("--output-config") { Description = "Stage C: an output config used instead of the experiment's (a path, or a file name under the run's config/)" };
        var local = new Option<bool>("--local") { Description = "Run the stage here (default: one Cloud Batch job in the configured project and region)" };
        var projectDir = new Option<string>("--project-dir") { Description = "The forecast repository (default: the current folder)", DefaultValueFactory = _ => "." };
        var stateDir = new Option<string?>("--state-dir") { Description = "--local: where run folders and logs are (default: {project-dir}/.epy, as for 'run --local')" };
        var imageTag = new Option<string?>("--image-tag") { Description = "Cloud: the stage image tag or sha256 digest (default: defaults.image_tag)" };
        var wait = new Option<bool>("--wait") { Description = "Cloud: follow the job until it ends (exit 0 succeeded, 1 failed or cancelled)" };
        var poll = new Option<double>("--poll-seconds") { Description = "Cloud, with --wait: seconds between looks at the job", DefaultValueFactory = _ => 10 };
        var command = new Command("job", "Run one stage of one run (the original epycloud's 'run job'): one Cloud Batch job, or with --local the stage program once here; on a new or existing run")
        {
            stage, expId, runId, taskIndex, numTasks, outputConfig, local, projectDir, stateDir, imageTag, wait, poll,
        };
        CliAction.Set(command, (context, parse, ct) =>
        {
            var which = StageJob.ParseStage(parse.GetValue(stage)!);
            var arguments = new Arguments(which, parse.GetValue(expId)!, parse.GetValue(runId), parse.GetValue(taskIndex), parse.GetValue(numTasks), parse.GetValue(outputConfig));
            return parse.GetValue(local)
                ? RunLocalAsync(context, arguments, parse.GetValue(projectDir)!, parse.GetValue(stateDir), ct)
                : RunCloudAsync(context, arguments, parse.GetValue(imageTag), parse.GetValue(wait), TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(poll))), ct);
        }, projectDir);
        return command;
    }

    /// <summary>What both paths are told: the stage, <c>--exp-id</c>, <c>--run-id</c>, <c>--task-index</c>, <c>--num-tasks</c>, <c>--output-config</c>.</summary>
    private sealed record Arguments(Stage Stage, string ExpId, string? RunId, int TaskIndex, int? NumTasks, string? OutputConfig);

    private static RunId NewRun() => RunId.New(TimeProvider.System.GetUtcNow(), (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue));

    private static string Describe(StageJob job) => string.Create(CultureInfo.InvariantCulture,
        $"stage {char.ToUpperInvariant(job.Stage.Letter())} ({job.Stage.Command()}{(job.Stage == Stage.Runner ? $" task {job.TaskIndex} of {job.TaskCount}" : "")}) of {job.Experiment}, run {job.Run}");
}
