using Epy.Contracts.Builder;
using Epy.Contracts.Runs;

namespace Epy.Cli;

/// <summary>
/// One stage of one run, as <c>epycloud run job</c> runs it by hand: the stage, the experiment, the run (new for
/// Stage A when none is given), Stage B's task, and the run's task count N (<c>NUM_TASKS</c>; from the builder's
/// manifest unless given). Pure: <see cref="Plan"/> checks the arguments against what the run folder holds.
/// </summary>
/// <param name="Stage">The stage.</param>
/// <param name="Experiment">The experiment.</param>
/// <param name="Run">The run.</param>
/// <param name="TaskIndex">Stage B's task index in the run (0 for the others).</param>
/// <param name="TaskCount">N, or 0 when not known yet (Stage A decides it).</param>
public sealed record StageJob(Stage Stage, ExperimentId Experiment, RunId Run, int TaskIndex, int TaskCount)
{
    /// <summary>The job id its log goes under (<c>{logs}/{run}/stage-x-{run}-1/</c>), where <c>epycloud logs</c> finds it.</summary>
    public JobId Job => new(Stage, Run, 1);

    /// <summary>The start of the Batch job ids of <c>run job</c>: never the orchestrator's <c>stage-</c>, so none of its jobs is ever taken.</summary>
    public const string CloudJobPrefix = "runjob-";

    /// <summary>
    /// The Batch job id of this stage submitted by hand: <c>runjob-b-{run_id}-{nonce}</c> (42 characters, Batch's
    /// rule <c>^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$</c>); <paramref name="nonce"/>, random per call, makes each call's its own.
    /// <see cref="JobId.TryParse"/> refuses it, so a notification about it could never be taken for a run's job.
    /// </summary>
    public string CloudJobId(uint nonce) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{CloudJobPrefix}{Stage.Letter()}-{Run}-{nonce:x8}");

    /// <summary><c>A</c>/<c>B</c>/<c>C</c> or <c>builder</c>/<c>runner</c>/<c>output</c>, any case (the original epycloud's choices).</summary>
    public static Stage ParseStage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "a" or "builder" => Stage.Builder,
            "b" or "runner" => Stage.Runner,
            "c" or "output" => Stage.Output,
            _ => throw CliException.Configuration($"--stage '{text}' is not a stage", "use A (builder), B (runner) or C (output)"),
        };
    }

    /// <summary>
    /// The job for these arguments. <paramref name="runId"/> is required for Stages B and C (<paramref name="newRun"/> gives
    /// Stage A's run when it is null); <paramref name="manifestOf"/> reads a run's <c>builder-artifacts/manifest.json</c> (null when
    /// the run has none): Stages B and C need it unless <paramref name="numTasks"/> is given, and Stage B's task must be below N.
    /// <paramref name="local"/>: the hints name <c>--local</c> commands (else the cloud's).
    /// </summary>
    public static StageJob Plan(Stage stage, string expId, string? runId, int taskIndex, int? numTasks, Func<ExperimentId, RunId, byte[]?> manifestOf, Func<RunId> newRun,
        bool local = true)
    {
        ArgumentNullException.ThrowIfNull(manifestOf);
        ArgumentNullException.ThrowIfNull(newRun);
        var where = local ? " --local" : "";
        if (!ExperimentId.TryParse(expId, out var experiment, out var reason))
            throw CliException.Configuration($"--exp-id '{expId}': {reason}");
        RunId run;
        if (runId is null)
        {
            run = stage == Stage.Builder ? newRun()
                : throw CliException.Configuration($"stage {char.ToUpperInvariant(stage.Letter())} needs --run-id: the run whose earlier stages it continues",
                    $"run stage A first ('epycloud run job --stage A --exp-id {expId}{where}'), or see 'epycloud experiment list{where}'");
        }
        else if (!RunId.TryParse(runId, out run))
        {
            throw CliException.Configuration($"--run-id '{runId}' is not a run id", $"run ids look like 20261124-101500-a1b2c3d4 (see 'epycloud experiment list{where}'){(local ? ", or use latest" : "")}");
        }
        if (taskIndex < 0 || numTasks < 1)
            throw CliException.Configuration("--task-index must be 0 or more, and --num-tasks 1 or more");
        if (taskIndex > 0 && stage != Stage.Runner)
            throw CliException.Configuration("--task-index goes with --stage B", "stages A and C are one task each");
        var count = numTasks ?? (stage == Stage.Builder || manifestOf(experiment, run) is not { } manifest ? 0 : BuildManifest.ReadTaskCount(manifest));
        if (stage != Stage.Builder && count == 0)
        {
            throw CliException.Configuration($"run {run} of {expId} has no builder manifest, so its task count is not known",
                $"run stage A for it first ('epycloud run job --stage A --exp-id {expId} --run-id {run}{where}'), or pass --num-tasks");
        }
        if (stage == Stage.Runner && taskIndex >= count)
            throw CliException.Configuration($"--task-index {taskIndex} is not below the run's {count} task(s)", $"use 0 to {count - 1}");
        return new StageJob(stage, experiment, run, taskIndex, stage == Stage.Builder ? 0 : count);
    }
}
