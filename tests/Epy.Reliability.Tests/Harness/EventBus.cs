using System.Diagnostics;
using Epy.Contracts.Runs;
using Epy.Orchestrator.Core.Events;
using Epy.Reliability.Tests.Faults;

namespace Epy.Reliability.Tests.Harness;

/// <summary>
/// The path job notifications take to the orchestrator (Pub/Sub push in the cloud, the in-process channel
/// locally), at least once and unreliable: from a seeded random source a notification is dropped, delivered
/// twice, late, after the job's next one (RUNNING after SUCCEEDED), or three times at once to both
/// instances. A delivery the orchestrator did not acknowledge (it threw, or its process died) is delivered
/// again, as Pub/Sub does.
/// </summary>
public sealed class EventBus(SeededRandom random, FaultRates rates, FaultLedger ledger, Func<RunId, RunEvent, int, Task> deliver, Func<int> passes)
{
    private readonly Dictionary<JobId, RunEvent> _held = [];
    private readonly List<DroppedEvent> _dropped = [];
    private int _pending;

    /// <summary>True when no notification is waiting or being delivered.</summary>
    public bool Idle => Volatile.Read(ref _pending) == 0;

    private int _redeliveries;

    /// <summary>Deliveries that failed and were tried again.</summary>
    public int Redeliveries => Volatile.Read(ref _redeliveries);

    /// <summary>Notifications dropped and not yet seen healed.</summary>
    public IReadOnlyList<DroppedEvent> Dropped
    {
        get
        {
            lock (_dropped)
                return [.. _dropped];
        }
    }

    /// <summary>Forgets a dropped notification once healed.</summary>
    public void Forget(DroppedEvent dropped)
    {
        lock (_dropped)
            _dropped.Remove(dropped);
    }

    /// <summary>Publishes <paramref name="event"/>, the job <paramref name="job"/> now in <paramref name="state"/>.</summary>
    public void Publish(RunId run, JobId job, JobState state, RunEvent @event)
    {
        Interlocked.Increment(ref _pending);
        RunEvent? previous;
        lock (_held)
        {
            _held.Remove(job, out previous);
            if (previous is null && !state.IsFinal() && random.Chance(rates.Reorder))
            {
                _held[job] = @event;
                ledger.Inject(FaultKind.NotificationReordered, run);
                // Released after the job's next notification, or after a while if none comes.
                _ = Task.Run(async () =>
                {
                    await Task.Delay(400);
                    bool stillHeld;
                    lock (_held)
                        stillHeld = _held.TryGetValue(job, out var held) && ReferenceEquals(held, @event) && _held.Remove(job);
                    if (!stillHeld)
                        return;
                    await SendAsync(run, job, state, @event);
                    Interlocked.Decrement(ref _pending);
                });
                return;
            }
        }
        _ = Task.Run(async () =>
        {
            await SendAsync(run, job, state, @event);
            if (previous is not null)
            {
                // The held, older notification arrives after the newer one.
                await SendAsync(run, job, JobState.Queued, previous);
                Interlocked.Decrement(ref _pending);
            }
            Interlocked.Decrement(ref _pending);
        });
    }

    private async Task SendAsync(RunId run, JobId job, JobState state, RunEvent @event)
    {
        if (random.Chance(rates.Drop))
        {
            ledger.Inject(FaultKind.NotificationDropped, run);
            lock (_dropped)
                _dropped.Add(new DroppedEvent(run, job, state, passes(), Stopwatch.GetTimestamp()));
            return;
        }
        if (random.Chance(rates.Delay))
        {
            ledger.Inject(FaultKind.NotificationDelayed, run);
            await Task.Delay(random.Next(20, 300));
        }
        if (random.Chance(rates.Concurrent))
        {
            ledger.Inject(FaultKind.ConcurrentDelivery, run);
            await Task.WhenAll(Enumerable.Range(0, 3).Select(copy => Task.Run(() => UntilAcknowledgedAsync(run, @event, copy))));
            return;
        }
        // Deliveries reach the primary process; only the concurrent deliveries above and retries after a
        // failure land on the other one too. (The Firestore emulator resolves two transactions that wait for
        // each other's locks only after its lock timeout, seconds on a loaded machine, so cross-process
        // contention is injected where it is meant to be, not on every event.)
        var slot = Primary;
        await UntilAcknowledgedAsync(run, @event, slot);
        if (random.Chance(rates.Duplicate))
        {
            ledger.Inject(FaultKind.NotificationDuplicated, run);
            await UntilAcknowledgedAsync(run, @event, slot);
        }
    }

    /// <summary>The process deliveries, starts and reconciler passes go to first.</summary>
    public const int Primary = 0;

    private async Task UntilAcknowledgedAsync(RunId run, RunEvent @event, int slot)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deliver(run, @event, slot + attempt - 1);
                return;
            }
            catch (Exception) when (attempt < 500)
            {
                Interlocked.Increment(ref _redeliveries);
                await Task.Delay(Math.Min(10 * attempt, 200));
            }
        }
    }
}
