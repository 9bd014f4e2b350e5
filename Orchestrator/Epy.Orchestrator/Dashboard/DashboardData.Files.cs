using System.Globalization;
using System.Text;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;

namespace Epy.Orchestrator.Dashboard;

public sealed partial class DashboardData
{
    /// <summary>The most a builder's manifest may hold to be read here.</summary>
    public const long MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>The most a config file may hold to be shown.</summary>
    public const long MaxConfigBytes = 512 * 1024;

    /// <summary>The most a task's result file may hold (compressed) for its diagnostics to be shown.</summary>
    public const long MaxResultBytes = 64 * 1024 * 1024;

    /// <summary>
    /// <paramref name="run"/>'s task rows (the mode's records, labelled from the builder's manifest) and its configs;
    /// with <paramref name="withConfigs"/> false the configs are not read.
    /// </summary>
    public async Task<RunPageFiles> FilesAsync(RunView run, CancellationToken cancellationToken, bool withConfigs = true)
    {
        ArgumentNullException.ThrowIfNull(run);
        var paths = Paths(run);
        var (manifest, problem) = await ManifestAsync(paths, run, cancellationToken).ConfigureAwait(false);
        var records = mode.TaskRecords(paths.Run);
        var tasks = TaskRows.Of(run, records, manifest, Now);
        var configs = new List<ConfigText>();
        foreach (var config in withConfigs ? manifest?.Configs ?? [] : [])
            configs.Add(await ConfigAsync(paths, config.Name, config.Path, cancellationToken).ConfigureAwait(false));
        return new RunPageFiles(tasks, configs, problem);
    }

    /// <summary>
    /// Task <paramref name="index"/> of <paramref name="run"/> with its calibration diagnostics (null, with the reason,
    /// when it has none yet or none at all); null when the run has no such task.
    /// </summary>
    public async Task<(TaskRow Task, CalibrationDiagnostics? Diagnostics, string? Note)?> TaskAsync(RunView run, int index, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var shown = await FilesAsync(run, cancellationToken, withConfigs: false).ConfigureAwait(false);
        if (shown.Tasks.FirstOrDefault(t => t.Index == index) is not { } task)
            return null;
        var paths = Paths(run);
        var relative = paths.TaskResult(index)[paths.Root.Length..];
        try
        {
            var bytes = await files.ReadAsync(paths, relative, MaxResultBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
                return SoFar(run, task) is { Count: > 0 } sofar
                    ? (task, new CalibrationDiagnostics("", "", sofar), "So far, from the task's log: the result file, written when it ends, has the rest.")
                    : (task, null, task.State is "SUCCEEDED" ? "The task's result file is missing." : "The diagnostics are shown once the task has written its result.");
            var diagnostics = CalibrationDiagnostics.Read(bytes);
            return (task, diagnostics, diagnostics is null ? "This task calibrated nothing (it simulated from given parameters)." : null);
        }
        catch (Exception unreadable) when (unreadable is CommandFailedException or InvalidDataException)
        {
            return (task, null, $"The task's result could not be read: {unreadable.Message}");
        }
    }

    /// <summary>The lines of a task's log read for its generations so far.</summary>
    public const int LogLinesRead = 2000;

    // A running calibration's generations from its log, where the mode keeps logs on this machine.
    private IReadOnlyList<CalibrationGenerationRow> SoFar(RunView run, TaskRow task) =>
        task.JobId is { } job && JobId.TryParse(job, out var jobId) && mode.TaskLogFile(RunId.Parse(run.RunId), jobId!, task.Index) is { } file && File.Exists(file)
            ? CalibrationLogLines.Parse(Epy.Orchestrator.Local.LogTail.Read(file, LogLinesRead))
            : [];

    private ArtifactPaths Paths(RunView run) => new(layout.DirPrefix, ExperimentId.Parse(run.ExpId), RunId.Parse(run.RunId));

    private async Task<(RunManifest? Manifest, string? Problem)> ManifestAsync(ArtifactPaths paths, RunView run, CancellationToken cancellationToken)
    {
        if (run.TaskCount == 0 && run.Jobs.All(j => j.Stage == "builder"))
            return (null, null);
        try
        {
            var bytes = await files.ReadAsync(paths, paths.Manifest[paths.Root.Length..], MaxManifestBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
                return (null, "the builder's manifest is missing");
            return RunManifest.Parse(bytes) is { } manifest ? (manifest, null) : (null, "the builder's manifest is not valid JSON");
        }
        catch (CommandFailedException unreadable)
        {
            return (null, unreadable.Message);
        }
    }

    private async Task<ConfigText> ConfigAsync(ArtifactPaths paths, string name, string relative, CancellationToken cancellationToken)
    {
        if (!RunFilePath.IsValid(relative))
            return new ConfigText(name, null, $"'{relative}' is not a path inside the run's folder");
        try
        {
            var bytes = await files.ReadAsync(paths, relative, MaxConfigBytes, cancellationToken).ConfigureAwait(false);
            return bytes is null
                ? new ConfigText(name, null, string.Create(CultureInfo.InvariantCulture, $"{relative} is missing from the run's folder"))
                : new ConfigText(name, new UTF8Encoding(false, false).GetString(bytes), null);
        }
        catch (CommandFailedException unreadable)
        {
            return new ConfigText(name, null, unreadable.Message);
        }
    }
}
