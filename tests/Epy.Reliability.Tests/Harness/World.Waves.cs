using System.Collections.Concurrent;
using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

public sealed partial class World
{
    private static readonly TimeSpan WaveTimeout = TimeSpan.FromSeconds(240);

    /// <summary>How long after its wave started settling each run was first seen settled.</summary>
    public ConcurrentDictionary<RunId, (ScenarioKind Kind, TimeSpan After)> SettledAfter { get; } = new();

    /// <summary>How long each wave took to settle.</summary>
    public List<TimeSpan> WaveTimes { get; } = [];

    /// <summary>Runs <paramref name="scenarios"/> in waves of <paramref name="waveSize"/>, checking each run once its wave settles.</summary>
    public async Task<IReadOnlyList<RunOutcome>> RunAsync(IReadOnlyList<RunScenario> scenarios, int waveSize, int killsPerWave)
    {
        var outcomes = new List<RunOutcome>();
        foreach (var wave in scenarios.Chunk(waveSize))
        {
            Volatile.Write(ref _killsPerWave, killsPerWave);
            Volatile.Write(ref _killBudget, killsPerWave);
            Volatile.Write(ref _killChances, 0);
            Volatile.Write(ref _killOwedAt, Random.Next(1, 40));
            foreach (var scenario in wave)
            {
                Scenarios[scenario.Run] = scenario;
                if (scenario.Kind == ScenarioKind.NeverStarts)
                    Ledger.Inject(FaultKind.JobNeverStarted, scenario.Run);
                else if (scenario.Kind == ScenarioKind.StuckQueued)
                    Ledger.Inject(FaultKind.JobStuckQueued, scenario.Run);
            }
            var began = Stopwatch.StartNew();
            // The user who cancels does not wait for the start to return: the cancel may overtake the start's own retries.
            var cancels = wave.Where(s => s.Kind == ScenarioKind.CancelOvertakesSubmit).Select(CancelWhenRefusedAsync).ToList();
            await Task.WhenAll(wave.Select(StartRunAsync));
            await SettleAsync(wave);
            await Task.WhenAll(cancels);
            WaveTimes.Add(began.Elapsed);
            foreach (var scenario in wave)
            {
                var stored = await _backend.Observer.GetAsync(scenario.Run, CancellationToken.None);
                outcomes.Add(new RunOutcome(scenario, [.. RunChecker.Check(scenario, stored, _backend), .. Control.Problems(scenario.Run)], Ledger.Touched(scenario.Run)));
            }
        }
        // Let late deliveries finish and the last drops heal before the figures are read.
        var drain = Stopwatch.StartNew();
        while ((!Bus.Idle || Bus.Dropped.Count > 0) && drain.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            await CheckHealedAsync();
        }
        return outcomes;
    }

    /// <summary>The scheduler's call, repeated with the same idempotency key until the orchestrator takes it.</summary>
    private async Task StartRunAsync(RunScenario scenario)
    {
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            try
            {
                await Process(EventBus.Primary + attempt - 1).Service.StartAsync(scenario.Request, Epy.Orchestrator.Runs.IdempotencyKey.FromClient(scenario.IdempotencyKey), "reliability-scheduler", CancellationToken.None);
                return;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                if (failure is not ProcessKilled)
                    Note(failure);
                await Task.Delay(Math.Min(20 * attempt, 200));
            }
        }
    }

    private async Task SettleAsync(RunScenario[] wave)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < WaveTimeout)
        {
            await Task.Delay(50);
            await CheckHealedAsync();
            var stored = await Task.WhenAll(wave.Select(s => _backend.Observer.GetAsync(s.Run, CancellationToken.None)));
            foreach (var (scenario, run) in wave.Zip(stored))
            {
                if (run is not null)
                    await ActAsync(scenario, run.State);
            }
            foreach (var (scenario, run) in wave.Zip(stored))
            {
                if (Settled(scenario, run))
                    SettledAfter.TryAdd(scenario.Run, (scenario.Kind, waited.Elapsed));
            }
            if (wave.All(scenario => SettledAfter.ContainsKey(scenario.Run)))
                return;
            // Runs whose deadline is part of their scenario: once each has got where its deadline is meant to pass, and
            // the rest of the wave is done, move the orchestrator's clock past their deadlines (not further: the other
            // runs' 48 h deadlines must never pass, nor the deadline of a run that has not got there yet).
            var waiting = wave.Zip(stored).Where(pair => pair.Second?.State.Status.IsTerminal() != true).ToList();
            var now = Time.GetUtcNow();
            var timed = waiting.Where(pair => pair.First.WaitsForDeadline && pair.Second?.State.Deadline > now).ToList();
            if (timed.Count == 0 || !timed.All(pair => pair.First.ReadyForDeadline(pair.Second!.State, _backend.RealState)))
                continue;
            if (waiting.All(pair => pair.First.WaitsForDeadline) || waited.Elapsed > TimeSpan.FromSeconds(20))
                Time.Advance(timed.Max(pair => pair.Second!.State.Deadline!.Value) - now + TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>What the people around a run do in its scenario: the user who cancels, the scheduler that resumes; and Batch letting refused submits through once the run is over.</summary>
    private async Task ActAsync(RunScenario scenario, RunState state)
    {
        try
        {
            if (state.Status.IsTerminal())
                Control.ReleaseSubmits(scenario.Run);
            if (scenario.Kind == ScenarioKind.LateSucceededThenResume && state.Status == RunStatus.Failed && state.ManualResumes == 0)
                await Process(EventBus.Primary).Service.ResumeAsync(scenario.Run, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // The process died or the store refused: asked again on the next look.
            if (failure is not ProcessKilled)
                Note(failure);
        }
    }

    /// <summary>
    /// The forecaster cancels the run as soon as Batch has refused its builder's submit once (the start may still be
    /// retrying it); Batch answers again the moment the run is over.
    /// </summary>
    private async Task CancelWhenRefusedAsync(RunScenario scenario)
    {
        var waited = Stopwatch.StartNew();
        while (Control.Refusals(scenario.Run) == 0 && waited.Elapsed < WaveTimeout)
            await Task.Delay(5);
        for (var attempt = 1; attempt <= 200; attempt++)
        {
            try
            {
                await Process(EventBus.Primary + attempt - 1).Service.CancelAsync(scenario.Run, "the forecaster stopped it", CancellationToken.None);
                break;
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                if (failure is not ProcessKilled)
                    Note(failure);
                await Task.Delay(Math.Min(20 * attempt, 200));
            }
        }
        // Batch answers again as soon as the run is over: a submit still being retried would now create the job.
        while (waited.Elapsed < WaveTimeout)
        {
            if ((await _backend.Observer.GetAsync(scenario.Run, CancellationToken.None))?.State.Status.IsTerminal() == true)
            {
                Control.ReleaseSubmits(scenario.Run);
                return;
            }
            await Task.Delay(5);
        }
    }

    /// <summary>Jobs that still run in the job system although their run is final (the reconciler's sweep must cancel them).</summary>
    public async Task<int> OrphanedJobsAsync(IEnumerable<RunScenario> scenarios)
    {
        var orphaned = 0;
        foreach (var scenario in scenarios)
        {
            var stored = await _backend.Observer.GetAsync(scenario.Run, CancellationToken.None);
            if (stored?.State.Status.IsTerminal() == true)
                orphaned += _backend.JobsOf(scenario.Run).Count(job => _backend.RealState(job) is { } real && real is not ("SUCCEEDED" or "FAILED" or "CANCELLED"));
        }
        return orphaned;
    }

    /// <summary>
    /// Final, nothing left in its outbox, and no job of it still running (a deleted one is gone); a run whose
    /// scenario resumes it after it failed is settled only once resumed and final again.
    /// </summary>
    private bool Settled(RunScenario scenario, StoredRun? stored) =>
        stored is { Outbox.Count: 0 } && stored.State.Status.IsTerminal()
        && !(scenario.Kind == ScenarioKind.LateSucceededThenResume && stored.State.ManualResumes == 0)
        && _backend.JobsOf(scenario.Run).All(job => _backend.RealState(job) is null or "SUCCEEDED" or "FAILED" or "CANCELLED");

    /// <summary>Marks dropped notifications whose effect the run now shows (fed by the reconciler, or made moot by a later notification).</summary>
    private async Task CheckHealedAsync()
    {
        foreach (var dropped in Bus.Dropped)
        {
            var stored = await _backend.Observer.GetAsync(dropped.Run, CancellationToken.None);
            var job = stored?.State.FindJob(dropped.Job);
            if (stored is null || !(stored.State.Status.IsTerminal() || job?.State is { } state && state.Rank() >= dropped.State.Rank()))
                continue;
            Ledger.Healed(Passes - dropped.AtPass, Stopwatch.GetElapsedTime(dropped.AtTimestamp));
            Bus.Forget(dropped);
        }
    }
}
