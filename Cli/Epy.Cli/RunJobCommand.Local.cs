using Epy.Contracts.Runs;
using Epy.Contracts.Stages;
using Epy.Orchestrator.Local;

namespace Epy.Cli;

public static partial class RunJobCommand
{
    /// <summary>
    /// <c>--local</c>: starts the stage program once, with the environment the local mode gives its tasks
    /// (<see cref="LocalTaskEnvironment.Of"/>), on the run's folder, and waits for it; the run's state database is not touched.
    /// </summary>
    private static async Task<int> RunLocalAsync(CliContext context, Arguments arguments, string project, string? stateDir, CancellationToken ct)
    {
        var options = RunCommand.LocalOptions(project, stateDir);
        var job = StageJob.Plan(arguments.Stage, arguments.ExpId, arguments.RunId, arguments.TaskIndex, arguments.NumTasks,
            (experiment, run) => File.Exists(Manifest(options, experiment, run)) ? File.ReadAllBytes(Manifest(options, experiment, run)) : null,
            NewRun);
        var environment = LocalTaskEnvironment.Of(options, job.Experiment, job.Job, 0, job.TaskIndex, job.TaskCount, allowPartialResults: true);
        if (arguments.OutputConfig is { Length: > 0 } config)
            environment[StageVariables.OutputConfigFile] = config;
        var log = LocalModeOptions.TaskLogPath(options.LogsRoot, job.Run.Value, job.Job.Value, job.TaskIndex);
        var what = Describe(job);
        if (context.DryRun)
        {
            context.Out.WriteLine($"dry run: would run {string.Join(' ', options.StageCommand)} {job.Stage.Command()} for {what}, log {log}");
            return ExitCodes.Ok;
        }
        context.Say($"running {what}; log: {log}");
        var exit = await ChildProcesses.RunAsync(options.StageCommand, job.Stage.Command(), environment, log, (_, _) => { }, ct).ConfigureAwait(false);
        if (exit != 0)
        {
            context.Out.WriteLine($"{what}: FAILED (exit {exit.ToString(System.Globalization.CultureInfo.InvariantCulture)}); last lines of {log}:");
            foreach (var line in LogTail.Read(log, TailLines))
                context.Out.WriteLine($"  | {line}");
            return ExitCodes.RunFailed;
        }
        context.Out.WriteLine($"{what}: SUCCEEDED");
        if (Next(job, $" --local --project-dir {project}") is { } next)
            context.Say($"next: {next}");
        return ExitCodes.Ok;
    }

    private static string Manifest(LocalModeOptions options, ExperimentId experiment, RunId run) =>
        Path.Combine(options.BucketRoot, new ArtifactPaths(options.DirPrefix, experiment, run).Manifest);

    // The command that continues the run by hand, as the original's examples go A, then B task by task, then C.
    private static string? Next(StageJob job, string where) => job.Stage switch
    {
        Stage.Builder => $"epycloud run job --stage B --exp-id {job.Experiment} --run-id {job.Run} --task-index 0{where}",
        Stage.Runner => $"epycloud run job --stage C --exp-id {job.Experiment} --run-id {job.Run}{where} (after every task's stage B)",
        _ => null,
    };
}
