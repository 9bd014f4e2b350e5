using System.Collections.Concurrent;
using System.Text;
using Epy.Contracts.Runs;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// What a simulated stage task does, in both modes: its exit code from the run's scenario (counting the
/// task failures and preemptions injected) and, when it succeeds, the files the real stage writes that
/// matter here: the builder's manifest (Stage B's task count) and Stage C's outputs. Every write is counted,
/// so "outputs exist exactly once" can be checked.
/// </summary>
public sealed class StageEffects(WorldContext context, string dirPrefix, Action<string, byte[]> write)
{
    private readonly ConcurrentDictionary<string, int> _writes = new(StringComparer.Ordinal);

    /// <summary>How many times <paramref name="path"/> was written.</summary>
    public int Writes(string path) => _writes.TryGetValue(path, out var n) ? n : 0;

    /// <summary>Runs task <paramref name="task"/> (the job's own index) of <paramref name="job"/> on try <paramref name="retry"/>: its exit code.</summary>
    public int RunTask(JobId job, int task, int retry)
    {
        var scenario = context.Scenarios[job.Run];
        var exit = scenario.ExitCode(job, task, retry);
        if (exit == RunScenario.Preempted)
            context.Ledger.Inject(FaultKind.TaskPreempted, job.Run);
        else if (exit != 0)
            context.Ledger.Inject(FaultKind.TaskFailed, job.Run);
        if (exit != 0)
            return exit;
        var paths = new ArtifactPaths(dirPrefix, ExperimentId.Parse(RunScenario.Experiment), job.Run);
        if (job.Stage == Stage.Builder)
            Write(paths.Manifest, $"{{\"task_count\": {scenario.Tasks}}}");
        else if (job.Stage == Stage.Output)
        {
            foreach (var file in WorldBackend.OutputFiles)
                Write(paths.Outputs + file, $"output of {job}");
        }
        return 0;
    }

    private void Write(string path, string text)
    {
        write(path, Encoding.UTF8.GetBytes(text));
        _writes.AddOrUpdate(path, 1, (_, n) => n + 1);
    }
}
