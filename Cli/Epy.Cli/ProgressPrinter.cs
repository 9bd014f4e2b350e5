using System.Globalization;
using Epy.Contracts.Api;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;

namespace Epy.Cli;

/// <summary>Prints a run's progress: a line per change (stage, tasks done/running/failed, elapsed time).</summary>
public sealed class ProgressPrinter(TextWriter output, bool quiet, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private string? _last;

    /// <summary>Prints the run's progress if it changed (a run of the embedded orchestrator).</summary>
    public void Show(RunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Print(Describe(state));
    }

    /// <summary>Prints the run's progress if it changed (a run as the API shows it).</summary>
    public void Show(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Print(Describe(run));
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

    /// <summary>One line about where the run is, in the same words as <see cref="Describe(RunState)"/>.</summary>
    public static string Describe(RunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = run.State;
        if (run.Jobs.Count > 0 && !RunTable.IsFinal(run.State))
        {
            var job = run.Jobs[^1];
            text += $"  {job.Stage} (attempt {job.Attempt}) {job.State}";
            if (job.Stage == "runner")
                text += $"  tasks {job.Succeeded}/{job.TaskCount} done, {job.Running} running, {job.Failed} failed";
        }
        return text;
    }

    private void Print(string line)
    {
        if (quiet || line == _last)
            return;
        _last = line;
        var elapsed = time.GetElapsedTime(_started);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{(int)elapsed.TotalMinutes:D2}:{elapsed.Seconds:D2}] {line}"));
    }
}
