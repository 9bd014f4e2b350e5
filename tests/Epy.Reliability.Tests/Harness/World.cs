using System.Collections.Concurrent;
using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Cloud;
using Epy.Orchestrator.Core.Events;
using Epy.Orchestrator.Core.Machine;
using Epy.Orchestrator.Core.State;
using Epy.Orchestrator.Core.Policy;
using Epy.Orchestrator.Handling;
using Epy.Orchestrator.Reconciling;
using Epy.Orchestrator.Runs;
using Epy.Reliability.Tests.Faults;
using Microsoft.Extensions.Logging.Abstractions;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// Drives runs through the real orchestrator code of one mode while injecting faults: two orchestrator
/// processes side by side (as two Cloud Run instances) share the store; job notifications reach them
/// through the unreliable <see cref="EventBus"/>; a reconciler pass runs a second after the last one ended; a killed process is
/// replaced by a fresh one over the same store, which first runs a reconciler pass (start-up recovery).
/// Runs go in waves; each wave ends when all its runs are final with an empty outbox and no job left running.
/// </summary>
public sealed partial class World : IAsyncDisposable
{
    private const int Processes = 2;
    private static readonly TimeSpan ReconcileEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OutboxAge = TimeSpan.FromSeconds(3);

    private readonly OrchestratorProcess[] _processes = new OrchestratorProcess[Processes];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<WorldContext, WorldBackend> _createBackend;
    private WorldBackend _backend = null!;
    private Task _reconciling = Task.CompletedTask;
    private int _passes;
    private int _generation;
    private int _killBudget;
    private int _killsPerWave;
    private int _killChances;
    private int _killOwedAt;

    public World(int seed, FaultRates rates, Func<WorldContext, WorldBackend> backend)
    {
        Random = SeededRandom.For(seed, -1);
        Rates = rates;
        _createBackend = backend;
        Bus = new EventBus(Random, rates, Ledger, DeliverAsync, () => Volatile.Read(ref _passes));
    }

    public SeededRandom Random { get; }

    public FaultRates Rates { get; }

    public FaultLedger Ledger { get; } = new();

    public EventBus Bus { get; }

    public ShiftedTime Time { get; } = new();

    public ConcurrentDictionary<RunId, RunScenario> Scenarios { get; } = new();

    public WorldBackend Backend => _backend;

    /// <summary>What the job system does to each run's jobs, and what was found wrong on the way.</summary>
    public ScenarioControl Control { get; private set; } = null!;

    /// <summary>The first distinct failures the orchestrator threw (for diagnosis when a run ends wrong).</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    private void Note(Exception failure)
    {
        var key = $"{failure.GetType().Name}: {failure.Message}";
        if (Failures.Count < 40 || Failures.ContainsKey(key))
            Failures.AddOrUpdate(key[..Math.Min(key.Length, 300)], 1, (_, n) => n + 1);
    }

    /// <summary>Reconciler passes begun.</summary>
    public int Passes => Volatile.Read(ref _passes);

    /// <summary>Processes started to replace killed ones.</summary>
    public int Restarts { get; private set; }

    public async Task StartAsync(string folder)
    {
        Control = new ScenarioControl(Scenarios, Ledger);
        _backend = _createBackend(new WorldContext(Random, Rates, Ledger, Bus, Scenarios, Time, folder, Control, DeliverDirectAsync));
        await _backend.StartAsync();
        for (var slot = 0; slot < Processes; slot++)
            _processes[slot] = NewProcess();
        _reconciling = Task.Run(ReconcileLoopAsync);
    }

    /// <summary>
    /// The product's default policy without queue timeouts: the harness moves the clock hours ahead for its deadline
    /// scenarios, which would otherwise time out every other run's job that is still waiting in the queue.
    /// </summary>
    private static readonly RunPolicy Defaults = RunPolicy.Default with
    {
        Builder = RunPolicy.Default.Builder with { QueueTimeout = null },
        Runner = RunPolicy.Default.Runner with { QueueTimeout = null },
        Output = RunPolicy.Default.Output with { QueueTimeout = null },
    };

    private OrchestratorProcess NewProcess()
    {
        var life = new KillSwitch(Random, Rates, Ledger, () => Interlocked.Decrement(ref _killBudget) >= 0, KillOwed, OnKilled);
        var (rawStore, rawJobs, rawArtifacts) = _backend.NewProcess();
        var store = new KillableRunStore(rawStore, life, OnCommitted);
        var ports = new KillablePorts(rawJobs, rawArtifacts, life);
        var executor = new CommandExecutor(store, ports, ports, CommandResilience.Create(Time), _backend.DirPrefix, NullLogger<CommandExecutor>.Instance);
        var processor = new RunEventProcessor(store, executor, Time, NullLogger<RunEventProcessor>.Instance);
        var reconciler = new Reconciler(store, ports, processor, Time, NullLogger<Reconciler>.Instance);
        var service = new RunService(store, processor, new AnyExperimentCatalog(), Defaults, Time, NullLogger<RunService>.Instance)
        {
            // As the hosts compose it: a resume reads the last attempt's real state first.
            LastAttempt = new LastAttemptReader(ports, ports, new ArtifactLayout(_backend.DirPrefix), NullLogger<LastAttemptReader>.Instance),
        };
        return new OrchestratorProcess(Interlocked.Increment(ref _generation), life, processor, reconciler, service, ports);
    }

    /// <summary>
    /// True from the wave's chosen chance of a kill on (drawn by <see cref="RunAsync"/>) while the wave
    /// has had none: the rates alone leave a small chance of a wave, or a whole pass, without a kill.
    /// </summary>
    private bool KillOwed() =>
        Interlocked.Increment(ref _killChances) >= Volatile.Read(ref _killOwedAt) && Volatile.Read(ref _killBudget) == Volatile.Read(ref _killsPerWave);

    private void OnKilled(KillSwitch life)
    {
        OrchestratorProcess fresh;
        lock (_gate)
        {
            var slot = Array.FindIndex(_processes, p => ReferenceEquals(p.Life, life));
            if (slot < 0)
                return;
            fresh = NewProcess();
            _processes[slot] = fresh;
            Restarts++;
        }
        // A new process recovers at start: everything in the outbox is carried out again, missed events are fed.
        _ = Task.Run(() => ReconcileOnceAsync(fresh, TimeSpan.Zero));
    }

    private OrchestratorProcess Process(int slot)
    {
        lock (_gate)
            return _processes[((slot % Processes) + Processes) % Processes];
    }

    private async Task DeliverAsync(RunId run, RunEvent @event, int slot)
    {
        var process = Process(slot);
        HandledEvent handled;
        try
        {
            // As the event path lets it through: in the cloud, a final state only as jobs.get confirms it.
            if (await _backend.ConfirmAsync(@event, process.Jobs, CancellationToken.None) is not { } confirmed)
            {
                Ledger.Absorb(_backend.IsForged(@event.EventId) ? "forged notification refused (jobs.get: not that state, or another JobUID)" : "final state not confirmed by jobs.get, refused");
                return;
            }
            handled = await process.Processor.HandleAsync(run, confirmed, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not ProcessKilled)
        {
            Note(failure);
            throw;
        }
        if (_backend.IsForged(@event.EventId) && @event is JobStateChanged forged)
            CheckForged(run, forged, handled);
        if (handled.Duplicate)
            Ledger.Absorb("redelivered notification met its processed-event marker");
        else if (handled.Decision is { Outcome: Outcome.Ignored, Reason: Reason.AlreadyApplied })
            Ledger.Absorb("repeated job state ignored");
        else if (handled.Decision is { Outcome: Outcome.Ignored, Reason: Reason.BackwardState })
            Ledger.Absorb("backward job state ignored (RUNNING after SUCCEEDED)");
    }

    /// <summary>A forged notification handled: it must not have made its job final while the job really was not.</summary>
    private void CheckForged(RunId run, JobStateChanged forged, HandledEvent handled)
    {
        if (handled.Decision is not { Outcome: Outcome.Applied } || handled.Run?.State.FindJob(forged.Job)?.State is not { } recorded || !recorded.IsFinal())
        {
            Ledger.Absorb("forged notification refused (jobs.get: not that state, or another JobUID)");
            return;
        }
        if (_backend.RealState(forged.Job.Value) is not ("SUCCEEDED" or "FAILED" or "CANCELLED") and var real)
            Control.Problem(run, $"a forged notification moved job {forged.Job} to {recorded.ToBatchName()} while it was really {real ?? "gone"}");
    }

    /// <summary>A delivery straight to the primary process, repeated until acknowledged (a push that no job system sent).</summary>
    private async Task DeliverDirectAsync(RunId run, RunEvent @event)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeliverAsync(run, @event, EventBus.Primary + attempt - 1);
                return;
            }
            catch (Exception) when (attempt < 500)
            {
                await Task.Delay(Math.Min(10 * attempt, 200));
            }
        }
    }

    /// <summary>
    /// A state was committed: when it ends its run, every job of the run must be final in the job system, or gone
    /// (a run finishes only when its jobs are final or confirmed gone).
    /// </summary>
    private void OnCommitted(RunState state)
    {
        if (!state.Status.IsTerminal())
            return;
        foreach (var job in _backend.JobsOf(state.Run))
        {
            if (_backend.RealState(job) is { } real && real is not ("SUCCEEDED" or "FAILED" or "CANCELLED"))
                Control.Problem(state.Run, $"{FinishedWhileRunning} {state.Status.ToWire()} while its job {job} was {real}");
        }
    }

    /// <summary>How a run that finished while one of its jobs still ran is named among its problems.</summary>
    public const string FinishedWhileRunning = "the run finished";

    private async Task ReconcileLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(ReconcileEvery, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await ReconcileOnceAsync(Process(EventBus.Primary), OutboxAge);
        }
    }

    private async Task ReconcileOnceAsync(OrchestratorProcess process, TimeSpan outboxAge)
    {
        // Counted when it starts: a dropped event fed during pass k waited for the passes begun since its drop.
        Interlocked.Increment(ref _passes);
        try
        {
            await process.Reconciler.ReconcileAsync(outboxAge, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            if (failure is not ProcessKilled)
                Note(failure);
            // The pass died with its process, or could not list the runs: the next pass tries again.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reconciling;
        if (_backend is not null)
            await _backend.DisposeAsync();
        _stop.Dispose();
    }
}
