using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Local;
using Epy.Contracts.Stages;

namespace Epy.Cli;

/// <summary>
/// <c>epycloud run job --stage A|B|C --exp-id ID [--run-id R] [--task-index N] --local</c>, as in the original epycloud:
/// one stage of one run, by hand, for debugging. Locally it starts the stage program once, with the environment the
/// local mode gives its tasks (<see cref="LocalTaskEnvironment.Of"/>), on a new run folder (Stage A without
/// <c>--run-id</c>) or an existing one, and waits for it; the run's state database is not touched, so the run's
/// own bookkeeping (<c>runs list</c>) does not see it. The orchestrator has no endpoint for a single stage, so
/// without <c>--local</c> it refuses, saying what to do instead.
/// </summary>
public static class RunJobCommand
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
        var runId = new Option<string?>("--run-id") { Description = "The run (required for B and C; stage A without it starts a new run folder)" };
        var taskIndex = new Option<int>("--task-index") { Description = "Stage B: the task to run", DefaultValueFactory = _ => 0 };
        var numTasks = new Option<int?>("--num-tasks") { Description = "The run's task count N (default: the builder's manifest says)" };
        var outputConfig = new Option<string?>("--output-config") { Description = "Stage C: an output config used instead of the experiment's (a path, or a file name under the run's config/)" };
        var local = new Option<bool>("--local") { Description = "Run the stage here (required: the orchestrator runs whole runs only)" };
        var projectDir = new Option<string>("--project-dir") { Description = "The forecast repository (default: the current folder)", DefaultValueFactory = _ => "." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Where run folders and logs are (default: {project-dir}/.epy, as for 'run --local')" };
        var command = new Command("job", "Run one stage of one run (the original epycloud's 'run job'): locally, the stage program once, on a new or existing run folder")
        {
            stage, expId, runId, taskIndex, numTasks, outputConfig, local, projectDir, stateDir,
        };
        CliAction.Set(command, async (context, parse, ct) =>
        {
            var which = StageJob.ParseStage(parse.GetValue(stage)!);
            if (!parse.GetValue(local))
            {
                throw CliException.Configuration("run job runs a single stage on this machine only: the orchestrator has no endpoint for one stage",
                    "add --local; on the orchestrator, 'epycloud run --exp-id ID' runs every stage and 'epycloud runs resume RUN' runs again only what failed");
            }
            var project = parse.GetValue(projectDir)!;
            if (!Directory.Exists(Path.Combine(project, "experiments")))
                throw CliException.Configuration($"{Path.GetFullPath(project)} is not a forecast repository (no experiments/ folder)", "run from the repository, or pass --project-dir DIR");
            LocalModeOptions options;
            try
            {
                options = LocalModeSetup.ForProject(project, parse.GetValue(stateDir));
            }
            catch (FileNotFoundException missing)
            {
                throw CliException.Configuration(missing.Message);
            }
            var job = StageJob.Plan(which, parse.GetValue(expId)!, parse.GetValue(runId), parse.GetValue(taskIndex), parse.GetValue(numTasks),
                (experiment, run) => File.Exists(Manifest(options, experiment, run)) ? File.ReadAllBytes(Manifest(options, experiment, run)) : null,
                () => RunId.New(TimeProvider.System.GetUtcNow(), (uint)RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue)));
            var environment = LocalTaskEnvironment.Of(options, job.Experiment, job.Job, 0, job.TaskIndex, job.TaskCount, allowPartialResults: true);
            if (parse.GetValue(outputConfig) is { Length: > 0 } config)
                environment[StageVariables.OutputConfigFile] = config;
            var log = LocalModeOptions.TaskLogPath(options.LogsRoot, job.Run.Value, job.Job.Value, job.TaskIndex);
            var what = string.Create(CultureInfo.InvariantCulture,
                $"stage {char.ToUpperInvariant(which.Letter())} ({which.Command()}{(which == Stage.Runner ? $" task {job.TaskIndex} of {job.TaskCount}" : "")}) of {job.Experiment}, run {job.Run}");
            if (context.DryRun)
            {
                context.Out.WriteLine($"dry run: would run {string.Join(' ', options.StageCommand)} {which.Command()} for {what}, log {log}");
                return ExitCodes.Ok;
            }
            context.Say($"running {what}; log: {log}");
            var exit = await ChildProcesses.RunAsync(options.StageCommand, which.Command(), environment, log, (_, _) => { }, ct).ConfigureAwait(false);
            if (exit != 0)
            {
                context.Out.WriteLine($"{what}: FAILED (exit {exit.ToString(CultureInfo.InvariantCulture)}); last lines of {log}:");
                foreach (var line in LogTail.Read(log, TailLines))
                    context.Out.WriteLine($"  | {line}");
                return ExitCodes.RunFailed;
            }
            context.Out.WriteLine($"{what}: SUCCEEDED");
            if (Next(job, project) is { } next)
                context.Say($"next: {next}");
            return ExitCodes.Ok;
        }, projectDir);
        return command;
    }

    private static string Manifest(LocalModeOptions options, ExperimentId experiment, RunId run) =>
        Path.Combine(options.BucketRoot, new ArtifactPaths(options.DirPrefix, experiment, run).Manifest);

    // The command that continues the run by hand, as the original's examples go A, then B task by task, then C.
    private static string? Next(StageJob job, string project) => job.Stage switch
    {
        Stage.Builder => $"epycloud run job --stage B --exp-id {job.Experiment} --run-id {job.Run} --task-index 0 --local --project-dir {project}",
        Stage.Runner => $"epycloud run job --stage C --exp-id {job.Experiment} --run-id {job.Run} --local --project-dir {project} (after every task's stage B)",
        _ => null,
    };
}
