using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Ports;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

public sealed partial class World
{
    private static readonly TimeSpan WaveTimeout = TimeSpan.FromSeconds(240);

    /// <summary>Runs <paramref name="scenarios"/> in waves of <paramref name="waveSize"/>, checking each run once its wave settles.</summary>
    public async Task<IReadOnlyList<RunOutcome>> RunAsync(IReadOnlyList<RunScenario> scenarios, int waveSize, int killsPerWave)
    {
        var outcomes = new List<RunOutcome>();
        foreach (var wave in scenarios.Chunk(waveSize))
        {
            Volatile.Write(ref _killBudget, killsPerWave);
            foreach (var scenario in wave)
            {
                Scenarios[scenario.Run] = scenario;
                if (scenario.Kind == ScenarioKind.NeverStarts)
                    Ledger.Inject(FaultKind.JobNeverStarted, scenario.Run);
            }
            await Task.WhenAll(wave.Select(StartRunAsync));
            await SettleAsync(wave);
            foreach (var scenario in wave)
            {
                var stored = await _backend.Observer.GetAsync(scenario.Run, CancellationToken.None);
                outcomes.Add(new RunOutcome(scenario, RunChecker.Check(scenario, stored, _backend), Ledger.Touched(scenario.Run)));
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
            if (wave.Zip(stored).All(pair => Settled(pair.First, pair.Second)))
                return;
            // Jobs that never start: once the rest of the wave is done, move the orchestrator's clock past their deadline.
            // Only as far as their deadlines: the other runs' 48 h deadlines must never pass.
            var waiting = wave.Zip(stored).Where(pair => pair.Second?.State.Status.IsTerminal() != true).ToList();
            var now = Time.GetUtcNow();
            var deadlines = waiting.Where(pair => pair.First.Kind == ScenarioKind.NeverStarts && pair.Second?.State.Deadline > now)
                .Select(pair => pair.Second!.State.Deadline!.Value).ToList();
            if (deadlines.Count > 0 && (waiting.All(pair => pair.First.Kind == ScenarioKind.NeverStarts) || waited.Elapsed > TimeSpan.FromSeconds(20)))
                Time.Advance(deadlines.Max() - now + TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Final, nothing left in its outbox, and no job of it still running.</summary>
    private bool Settled(RunScenario scenario, StoredRun? stored) =>
        stored is { Outbox.Count: 0 } && stored.State.Status.IsTerminal()
        && _backend.JobsOf(scenario.Run).All(job => _backend.RealState(job) is "SUCCEEDED" or "FAILED" or "CANCELLED");

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
