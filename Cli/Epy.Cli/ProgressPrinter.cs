using System.Globalization;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Cli;

/// <summary>Prints a run's progress: a line per change (stage, tasks done/running/failed, elapsed time).</summary>
public sealed class ProgressPrinter(TextWriter output, bool quiet, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private string? _last;

    /// <summary>Prints the run's progress if it changed.</summary>
    public void Show(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (quiet)
            return;
        var line = Describe(state);
        if (line == _last)
            return;
        _last = line;
        var elapsed = time.GetElapsedTime(_started);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(int)elapsed.TotalMinutes:D2}:{elapsed.Seconds:D2}] {line}"));
    }

    /// <summary>One line about where the run is.</summary>
    public static string Describe(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var job = state.ActiveJob;
        var text = state.Status.ToWire();
        if (job is not null)
        {
            var counts = job.Counts;
            text += $"  {job.Id.Stage.Command()} (attempt {job.Id.Attempt}) {job.State?.ToBatchName() ?? "SUBMITTED"}";
            if (job.Id.Stage == Stage.Runner && counts is not null)
                text += $"  tasks {counts.Succeeded}/{job.TaskCount} done, {counts.Running} running, {counts.Failed} failed";
        }
        return text;
    }
}
