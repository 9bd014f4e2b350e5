using System.Collections.Concurrent;
using Epy.Contracts.Runs;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// What the job system does to each run's jobs beyond running their tasks, the same in both modes: the
/// submits it refuses until the run is over, the calls it leaves hanging, the jobs it holds RUNNING until
/// the scenario lets them go, the jobs deleted behind the orchestrator's back; and what the checks found
/// wrong with a run on the way (a forged notification acted on, a run finished while its job ran).
/// </summary>
public sealed class ScenarioControl(ConcurrentDictionary<RunId, RunScenario> scenarios, FaultLedger ledger)
{
    /// <summary>How long after it was started a held job is deleted, or forged notifications about it are sent.</summary>
    public static readonly TimeSpan HeldFor = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<RunId, TaskCompletionSource> _holds = new();
    private readonly ConcurrentDictionary<RunId, byte> _submitsReleased = new();
    private readonly ConcurrentDictionary<RunId, int> _refusals = new();
    private readonly ConcurrentDictionary<JobId, int> _calls = new();
    private readonly ConcurrentDictionary<string, byte> _once = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<RunId, ConcurrentQueue<string>> _problems = new();

    /// <summary>What the job system does with <paramref name="call"/> about <paramref name="job"/>.</summary>
    public BatchAnswer Before(BatchCall call, JobId job)
    {
        if (!scenarios.TryGetValue(job.Run, out var scenario))
            return BatchAnswer.Answer;
        if (call == BatchCall.Submit && scenario.RefusesSubmit(job) && !_submitsReleased.ContainsKey(job.Run))
        {
            if (_refusals.AddOrUpdate(job.Run, 1, (_, n) => n + 1) == 1)
                ledger.Inject(scenario.Kind == ScenarioKind.CancelOvertakesSubmit ? FaultKind.CancelOvertookSubmit : FaultKind.DeadlineDuringStuckResume, job.Run);
            return BatchAnswer.Refuse;
        }
        if (scenario.HungCalls(job) is > 0 and var hung && _calls.AddOrUpdate(job, 1, (_, n) => n + 1) <= hung)
        {
            ledger.Inject(FaultKind.BatchHung, job.Run);
            return BatchAnswer.Hang;
        }
        return BatchAnswer.Answer;
    }

    /// <summary>How many submits of <paramref name="run"/> were refused.</summary>
    public int Refusals(RunId run) => _refusals.TryGetValue(run, out var n) ? n : 0;

    /// <summary>The run is over: its refused submits now go through (a late re-drive would create the job).</summary>
    public void ReleaseSubmits(RunId run) => _submitsReleased.TryAdd(run, 0);

    /// <summary>True the first time it is asked about <paramref name="what"/> of <paramref name="run"/>.</summary>
    public bool Once(RunId run, string what) => _once.TryAdd($"{run}:{what}", 0);

    /// <summary>
    /// A task of <paramref name="job"/> started: when the scenario holds the job RUNNING, waits until it is let go (or
    /// cancelled), after arranging what happens to it meanwhile: deleted by <paramref name="delete"/>, or
    /// <paramref name="forge"/> sending forged notifications about it before it is let go.
    /// </summary>
    public async Task HoldAsync(JobId job, Action delete, Func<Task> forge, CancellationToken cancellationToken)
    {
        if (!scenarios.TryGetValue(job.Run, out var scenario) || !scenario.HoldsRunning(job))
            return;
        if (Once(job.Run, "held"))
        {
            if (scenario.DeletedWhileRunning(job))
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(HeldFor, CancellationToken.None);
                    ledger.Inject(FaultKind.JobDeleted, job.Run);
                    delete();
                }, CancellationToken.None);
            }
            if (scenario.ForgedAbout(job))
            {
                _ = Task.Run(async () =>
                {
                    await Task.Delay(HeldFor, CancellationToken.None);
                    await forge();
                    LetRun(job.Run);
                }, CancellationToken.None);
            }
        }
        await Hold(job.Run).Task.WaitAsync(cancellationToken);
    }

    /// <summary>Lets the held jobs of <paramref name="run"/> go on.</summary>
    public void LetRun(RunId run) => Hold(run).TrySetResult();

    private TaskCompletionSource Hold(RunId run) => _holds.GetOrAdd(run, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Records something wrong with <paramref name="run"/> that its end state alone would not show.</summary>
    public void Problem(RunId run, string problem) => _problems.GetOrAdd(run, _ => new()).Enqueue(problem);

    /// <summary>What was recorded wrong with <paramref name="run"/>.</summary>
    public IReadOnlyList<string> Problems(RunId run) => _problems.TryGetValue(run, out var found) ? [.. found] : [];

    /// <summary>Runs with a recorded problem whose text starts with <paramref name="prefix"/>.</summary>
    public int RunsWith(string prefix) => _problems.Count(pair => pair.Value.Any(p => p.StartsWith(prefix, StringComparison.Ordinal)));
}
